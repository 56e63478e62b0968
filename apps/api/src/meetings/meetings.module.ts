import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

/** Review meetings (issue 7): decisions go through the reviews of ComplianceModule (transitions, notes, history). */
@Module({
  imports: [ComplianceModule],
  controllers: [MeetingsController],
  providers: [MeetingsService],
})
export class MeetingsModule {}
