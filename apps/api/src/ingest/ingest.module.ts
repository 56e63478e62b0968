import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { AppInfoController } from './app-info.controller';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { ImportBatchesController } from './import-batches.controller';
import { ImportBatchesService } from './import-batches.service';
import { UploadSlots } from './upload-slots';

@Module({
  imports: [ComplianceModule],
  controllers: [IngestController, ImportBatchesController, AppInfoController],
  providers: [IngestService, ImportBatchesService, UploadSlots],
  exports: [IngestService, ImportBatchesService],
})
export class IngestModule {}
