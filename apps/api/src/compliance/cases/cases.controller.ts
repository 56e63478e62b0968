import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CaseDetail, CaseRecord } from '@sra/contracts';
import { AuditView } from '../../audit-log/interceptors/audit-views.interceptor';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import { ListQueryDto } from '../../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../../common/list-response';
import { CASE_LIST, CasesService } from './cases.service';

/** Cases (one per arrest or DA decision, its rules inside): case-level, reviewers, analysts and admins; never viewers. */
@ApiTags('cases')
@ApiCookieAuth()
@AllowRoles('caseLevel')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @AuditView('Case')
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<CaseRecord[]> {
    const query = parseListQueryOrThrow(raw, CASE_LIST);
    const { rows, total } = await this.cases.list(query);
    return sendPage(res, 'cases', query, rows, total);
  }

  /** One case, as the case page shows it: who looked at it is written to the audit log. */
  @Get(':id')
  @AuditView('Case')
  get(@Param('id') id: string): Promise<CaseDetail> {
    return this.cases.detail(id);
  }
}
