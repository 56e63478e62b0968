import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { IngestModule } from '../ingest/ingest.module';
import { DemoService } from './demo.service';

@Module({
  imports: [IngestModule, ComplianceModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
