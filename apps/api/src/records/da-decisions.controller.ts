import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DaDecisionRecord } from '@sra/contracts';
import { AuditView } from '../audit-log/interceptors/audit-views.interceptor';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../common/list-response';
import { DA_DECISION_LIST, RecordsService } from './records.service';

/** DA charging decisions, read-only. Case-level (person keys): reviewers, analysts and admins; every read is audited. */
@ApiTags('records')
@ApiCookieAuth()
@AllowRoles('caseLevel')
@Controller('da-decisions')
export class DaDecisionsController {
  constructor(private readonly records: RecordsService) {}

  @Get()
  @AuditView('DaDecision')
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<DaDecisionRecord[]> {
    const query = parseListQueryOrThrow(raw, DA_DECISION_LIST);
    const { rows, total } = await this.records.daDecisions(query);
    return sendPage(res, 'da-decisions', query, rows, total);
  }

  @Get(':id')
  @AuditView('DaDecision')
  get(@Param('id') id: string): Promise<DaDecisionRecord> {
    return this.records.daDecision(id);
  }
}
