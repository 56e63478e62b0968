import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CurrentUser, UserDetail, UserRecord } from '@sra/contracts';
import { AuditDetail } from '../audit-log/interceptors/audit-writes.interceptor';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../common/list-response';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { USER_LIST, UsersService } from './users.service';

@ApiTags('users')
@ApiCookieAuth()
@AllowRoles('administration')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<UserRecord[]> {
    const query = parseListQueryOrThrow(raw, USER_LIST);
    const { rows, total } = await this.users.list(query);
    return sendPage(res, 'users', query, rows, total);
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDetail> {
    const user = await this.users.getDetail(id);
    if (!user) throw new NotFoundException(`No user ${id}`);
    return user;
  }

  @Post()
  create(@Body() body: CreateUserDto): Promise<UserRecord> {
    return this.users.create(body);
  }

  /** Changes the role or deactivates the account; the user's sessions end. */
  @Put(':id')
  @AuditDetail((req) => ({ role: (req.body as UpdateUserDto).role, active: (req.body as UpdateUserDto).active }))
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto, @Req() req: AuthenticatedRequest): Promise<UserRecord> {
    return this.users.update(id, { role: body.role, active: body.active }, req.user as CurrentUser);
  }

  /** Ends the account's sign-in lock (guessing from many addresses), so its owner can sign in at once. */
  @Post(':id/unlock')
  @HttpCode(200)
  unlock(@Param('id', ParseUUIDPipe) id: string): Promise<UserDetail> {
    return this.users.endSignInLock(id);
  }
}
