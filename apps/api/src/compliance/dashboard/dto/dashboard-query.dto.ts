import { ApiPropertyOptional } from '@nestjs/swagger';
import { MONTH_PATTERN } from '../../../common/calendar';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CONFIDENCE_THRESHOLDS } from '../../measures/dto/measures-query.dto';

export class DashboardQueryDto {
  @ApiPropertyOptional({ example: '2021-07', description: 'First month of report (YYYY-MM); default: 11 months before `to`' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'from must be a month, YYYY-MM, from 1900-01 to 9999-12' })
  from?: string;

  @ApiPropertyOptional({ example: '2022-06', description: 'Last month of report (YYYY-MM); default: the latest complete month (San Francisco time) with an eligible report' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'to must be a month, YYYY-MM, from 1900-01 to 9999-12' })
  to?: string;

  @ApiPropertyOptional({ description: 'A rule id; all report rules when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  rule?: string;

  @ApiPropertyOptional({ description: 'The acting agency (e.g. SFPD, DA)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agency?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @ApiPropertyOptional({ enum: CONFIDENCE_THRESHOLDS, default: 'medium' })
  @IsOptional()
  @IsIn(CONFIDENCE_THRESHOLDS, { message: `threshold must be one of ${CONFIDENCE_THRESHOLDS.join(', ')}` })
  threshold?: (typeof CONFIDENCE_THRESHOLDS)[number];
}
