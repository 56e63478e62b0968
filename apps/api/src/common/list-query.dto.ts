import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The three query parameters of react-admin's simple REST list calls. */
export class ListQueryDto {
  @ApiPropertyOptional({ example: '["createdAt","DESC"]', description: 'JSON [field, "ASC"|"DESC"]' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sort?: string;

  @ApiPropertyOptional({ example: '[0,24]', description: 'JSON [first, last] row, inclusive' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  range?: string;

  @ApiPropertyOptional({ example: '{}', description: 'JSON object of allow-listed filters' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  filter?: string;
}
