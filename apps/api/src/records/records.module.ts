import { Module } from '@nestjs/common';
import { ChargeCodesModule } from '../charge-codes/charge-codes.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { ArrestsController } from './arrests.controller';
import { DaDecisionsController } from './da-decisions.controller';
import { IncidentsController } from './incidents.controller';
import { RecordsService } from './records.service';

/** The loaded incidents, arrests and DA decisions, read-only. */
@Module({
  imports: [ComplianceModule, ChargeCodesModule],
  controllers: [IncidentsController, ArrestsController, DaDecisionsController],
  providers: [RecordsService],
})
export class RecordsModule {}
