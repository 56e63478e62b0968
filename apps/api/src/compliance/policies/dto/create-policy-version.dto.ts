import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class CreatePolicyVersionDto {
  @ApiProperty({ description: 'The new version as a PolicyDocument (libs/policies); its version number is assigned by the server.' })
  @IsObject({ message: 'document must be a policy document (an object)' })
  document!: Record<string, unknown>;
}
