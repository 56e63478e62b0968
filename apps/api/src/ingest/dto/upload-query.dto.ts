import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

/** `POST /api/ingest/<kind>?dryRun=true` previews; `?confirmUpdates=N` accepts that a load updates N existing records. */
export class UploadQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'run the whole load and roll it back: nothing stored, the answer says what it would do' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: string;

  @ApiPropertyOptional({ example: '42', description: 'how many existing records the load may update (the preview says how many it would)' })
  @IsOptional()
  @Matches(/^(0|[1-9][0-9]{0,9})$/, { message: 'confirmUpdates must be a whole number of records (0 or more)' })
  confirmUpdates?: string;
}
