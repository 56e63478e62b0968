import { Module } from '@nestjs/common';
import { ChargeCodesController } from './charge-codes.controller';
import { ChargeCodesService } from './charge-codes.service';

/** Charge codes in plain words: the built-in code book (libs/statutes) and the descriptions admins add. */
@Module({
  controllers: [ChargeCodesController],
  providers: [ChargeCodesService],
  exports: [ChargeCodesService],
})
export class ChargeCodesModule {}
