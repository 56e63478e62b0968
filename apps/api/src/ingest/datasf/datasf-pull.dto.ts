import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import type { DataSfPullSettings } from '@sra/contracts';

/** An admin's settings of the DataSF pull. */
export class DataSfPullSettingsDto implements DataSfPullSettings {
  @ApiProperty({ description: 'Whether the server pulls on its own, every intervalHours' })
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled!: boolean;

  @ApiProperty({ minimum: 1, maximum: 8760, default: 24 })
  @IsInt({ message: 'intervalHours must be a whole number of hours' })
  @Min(1, { message: 'intervalHours must be at least 1' })
  @Max(8760, { message: 'intervalHours must be at most 8760 (a year)' })
  intervalHours!: number;

  @ApiProperty({ default: 'https://data.sfgov.org' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'baseUrl must be an http(s) address, e.g. https://data.sfgov.org' })
  @MaxLength(500)
  baseUrl!: string;

  @ApiProperty({ nullable: true, description: 'YYYY-MM-DD: the first pull asks for reports from this day on; null: the whole dataset' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'firstSince must be a day, YYYY-MM-DD' })
  firstSince!: string | null;
}
