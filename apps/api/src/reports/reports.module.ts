import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { ReportsController } from './reports.controller';
import { ReportsScheduler } from './reports.scheduler';
import { ReportsService } from './reports.service';

/** Monthly compliance reports: snapshots, PDF/CSV/JSON files, the monthly draft. */
@Module({
  imports: [ComplianceModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsScheduler],
  exports: [ReportsService],
})
export class ReportsModule {}
