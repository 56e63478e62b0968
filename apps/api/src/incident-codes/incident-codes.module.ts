import { Module } from '@nestjs/common';
import { IncidentCodesController } from './incident-codes.controller';
import { IncidentCodesService } from './incident-codes.service';

/** The SFPD incident-code catalog as data: DataSF's catalog and the codes admins add (issue 15). */
@Module({
  controllers: [IncidentCodesController],
  providers: [IncidentCodesService],
  exports: [IncidentCodesService],
})
export class IncidentCodesModule {}
