import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module';
import { DemoService } from './demo.service';

@Module({
  imports: [IngestModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
