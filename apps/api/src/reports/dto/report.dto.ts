import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MONTH_PATTERN } from '../../common/calendar';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { REPORT_EDITIONS, type ReportEdition } from '@sra/contracts';

export class GenerateReportDto {
  @ApiProperty({ example: '2022-05' })
  @Matches(MONTH_PATTERN, { message: 'month must look like 2022-05 (YYYY-MM), from 1900-01 to 9999-12' })
  month!: string;

  @ApiPropertyOptional({ description: 'Needed when the month already has a published version' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class PublishReportDto {
  @ApiPropertyOptional({ description: 'Needed when an earlier version of the month was published (unless given at generation)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class EditionQueryDto {
  @ApiPropertyOptional({ enum: REPORT_EDITIONS, default: 'public' })
  @IsOptional()
  @IsIn(REPORT_EDITIONS, { message: `edition must be one of ${REPORT_EDITIONS.join(', ')}` })
  edition?: ReportEdition;
}
