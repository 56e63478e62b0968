import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { FlagDetail, FlagRecord } from '@sra/contracts';
import { AuditView } from '../../audit-log/interceptors/audit-views.interceptor';
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
  constructor(private readonly flags: FlagsService) {}

  @Get()
  @AuditView('Flag')
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<FlagRecord[]> {
    const query = parseListQueryOrThrow(raw, FLAG_LIST);
    const { rows, total } = await this.flags.list(query);
    return sendPage(res, 'flags', query, rows, total);
  }

  /** One case, as the case page shows it: who looked at it is written to the audit log. */
  @Get(':id')
  @AuditView('Flag')
  get(@Param('id') id: string): Promise<FlagDetail> {
    return this.flags.detail(id);
  }
}
