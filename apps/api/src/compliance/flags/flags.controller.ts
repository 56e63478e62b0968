import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AUDIT_ACTIONS, type FlagRecord } from '@sra/contracts';
import { AuditLogService } from '../../audit-log/audit-log.service';
import { clientOf, type AuthenticatedRequest } from '../../auth/authenticated-request';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import { ListQueryDto } from '../../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../../common/list-response';
import { FLAG_LIST, FlagsService } from './flags.service';

/** Case-level: reviewers, analysts and admins; never viewers. */
@ApiTags('flags')
@ApiCookieAuth()
@AllowRoles('caseLevel')
@Controller('flags')
export class FlagsController {
  constructor(
    private readonly flags: FlagsService,
    private readonly auditLog: AuditLogService,
  ) {}

  @Get()
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<FlagRecord[]> {
    const query = parseListQueryOrThrow(raw, FLAG_LIST);
    const { rows, total } = await this.flags.list(query);
    return sendPage(res, 'flags', query, rows, total);
  }

  /** One case: who looked at it is written to the audit log. */
  @Get(':id')
  async get(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<FlagRecord> {
    const flag = await this.flags.get(id);
    await this.auditLog.record({ actor: req.user ?? null, action: AUDIT_ACTIONS.caseViewed, targetType: 'Flag', targetId: id, outcome: 'success', statusCode: 200, ...clientOf(req) });
    return flag;
  }
}
