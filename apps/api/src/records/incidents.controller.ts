import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { IncidentSummary, IncidentDetail } from '@sra/contracts';
import { AuditView } from '../audit-log/interceptors/audit-views.interceptor';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../common/list-response';
import { INCIDENT_LIST, RecordsService } from './records.service';

/** Incidents (one per incident number, with its report rows, person roles and citing flags), read-only. Case-level (person keys): reviewers, analysts and admins; every read is audited. */
@ApiTags('records')
@ApiCookieAuth()
@AllowRoles('caseLevel')
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly records: RecordsService) {}

  @Get()
  @AuditView('Incident')
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<IncidentSummary[]> {
    const query = parseListQueryOrThrow(raw, INCIDENT_LIST);
    const { rows, total } = await this.records.incidents(query);
    return sendPage(res, 'incidents', query, rows, total);
  }

  @Get(':id')
  @AuditView('Incident')
  get(@Param('id') id: string): Promise<IncidentDetail> {
    return this.records.incident(id);
  }
}
