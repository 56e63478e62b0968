import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { CreateIncidentCodeRequest, UpdateIncidentCodeRequest } from '@sra/contracts';

/** An admin's description of an incident code (`PUT /api/incident-codes/:code`). */
export class UpdateIncidentCodeDto implements UpdateIncidentCodeRequest {
  @ApiProperty({ maxLength: 200, example: 'Military Ordinance' })
  @IsString({ message: 'description must be text' })
  @MaxLength(200, { message: 'a description holds at most 200 characters' })
  description!: string;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, description: 'Null or blank when no category is published for the code' })
  @IsOptional()
  @IsString({ message: 'category must be text, or null when none is published' })
  @MaxLength(100, { message: 'a category holds at most 100 characters' })
  category?: string | null;

  @ApiPropertyOptional({ maxLength: 100, nullable: true })
  @IsOptional()
  @IsString({ message: 'subcategory must be text, or null' })
  @MaxLength(100, { message: 'a subcategory holds at most 100 characters' })
  subcategory?: string | null;

  @ApiProperty({ maxLength: 500, example: 'DataSF wg3w-h783 rows of 2019-2024 carry 12075 "Military Ordinance" with no category' })
  @IsString({ message: 'source must be text: where the description comes from' })
  @MaxLength(500, { message: 'a source holds at most 500 characters' })
  source!: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString({ message: 'note must be text' })
  @MaxLength(2000, { message: 'a note holds at most 2,000 characters' })
  note?: string | null;
}

/** A code the catalog does not know (`POST /api/incident-codes`). */
export class CreateIncidentCodeDto extends UpdateIncidentCodeDto implements CreateIncidentCodeRequest {
  @ApiProperty({ example: '12075', description: 'Up to five digits; stored zero-padded' })
  @IsString({ message: 'code must be text: up to five digits' })
  @MaxLength(5, { message: 'an incident code holds at most five digits' })
  code!: string;
}
