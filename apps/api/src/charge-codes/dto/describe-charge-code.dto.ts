import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { CHARGE_LEVEL_WORDS, type ChargeLevelWord, type DescribeChargeCodeRequest } from '@sra/contracts';

/** An admin's description of a charge code. */
export class DescribeChargeCodeDto implements DescribeChargeCodeRequest {
  @ApiProperty({ maxLength: 200, example: 'disturbing the peace: fighting in public' })
  @IsString({ message: 'description must be text' })
  @MaxLength(200, { message: 'a description holds at most 200 characters' })
  description!: string;

  @ApiProperty({ enum: CHARGE_LEVEL_WORDS, nullable: true, description: 'Only when the statute fixes it; null otherwise' })
  @ValidateIf((o: DescribeChargeCodeDto) => o.level !== null)
  @IsIn(CHARGE_LEVEL_WORDS, { message: `level must be one of ${CHARGE_LEVEL_WORDS.join(', ')}, or null when the statute does not fix it` })
  level!: ChargeLevelWord | null;

  @ApiProperty({ maxLength: 500, example: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=415' })
  @IsString({ message: 'source must be text: where the description comes from' })
  @MaxLength(500, { message: 'a source holds at most 500 characters' })
  source!: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'notes hold at most 2,000 characters' })
  notes?: string | null;
}
