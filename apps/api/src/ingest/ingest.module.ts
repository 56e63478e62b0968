import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { AppInfoController } from './app-info.controller';
import { DataSfPullController } from './datasf/datasf-pull.controller';
import { DataSfPullScheduler } from './datasf/datasf-pull.scheduler';
import { DataSfPullService } from './datasf/datasf-pull.service';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { ImportBatchesController } from './import-batches.controller';
import { ImportBatchesService } from './import-batches.service';
import { UploadSlots } from './upload-slots';

@Module({
  imports: [ComplianceModule],
  controllers: [IngestController, ImportBatchesController, AppInfoController, DataSfPullController],
  providers: [IngestService, ImportBatchesService, UploadSlots, DataSfPullService, DataSfPullScheduler],
  exports: [IngestService, ImportBatchesService, DataSfPullService],
})
export class IngestModule {}
