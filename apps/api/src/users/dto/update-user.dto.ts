import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { ROLES, type Role, type UpdateUserRequest } from '@sra/contracts';

/** What an admin can change on an account: its role and whether it can sign in. */
export class UpdateUserDto implements UpdateUserRequest {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({ description: 'false deactivates the account: it cannot sign in and its sessions end at once' })
  @IsBoolean({ message: 'active must be true or false' })
  active!: boolean;
}
