import { ApiPropertyOptional } from '@nestjs/swagger';
import { MONTH_PATTERN } from '../../../common/calendar';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const MEASURE_GROUPS = ['month', 'district', 'category', 'agency'] as const;
export const CONFIDENCE_THRESHOLDS = ['low', 'medium', 'high'] as const;

export class MeasuresQueryDto {
  @ApiPropertyOptional({ enum: MEASURE_GROUPS, default: 'month' })
  @IsOptional()
  @IsIn(MEASURE_GROUPS, { message: `groupBy must be one of ${MEASURE_GROUPS.join(', ')}` })
  groupBy?: (typeof MEASURE_GROUPS)[number];

  @ApiPropertyOptional({ description: 'A rule id; all report rules when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  rule?: string;

  @ApiPropertyOptional({ example: '2021-07', description: 'First month (YYYY-MM); default: 11 months before `to`' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'from must be a month, YYYY-MM, from 1900-01 to 9999-12' })
  from?: string;

  @ApiPropertyOptional({ example: '2022-06', description: 'Last month (YYYY-MM); default: the latest complete month (San Francisco time) with an eligible report' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'to must be a month, YYYY-MM, from 1900-01 to 9999-12' })
  to?: string;

  @ApiPropertyOptional({ enum: CONFIDENCE_THRESHOLDS, default: 'medium', description: 'Flags at or above this confidence count' })
  @IsOptional()
  @IsIn(CONFIDENCE_THRESHOLDS, { message: `threshold must be one of ${CONFIDENCE_THRESHOLDS.join(', ')}` })
  threshold?: (typeof CONFIDENCE_THRESHOLDS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category?: string;
}
