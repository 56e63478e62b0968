import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ArrestRecord } from '@sra/contracts';
import { AuditView } from '../audit-log/interceptors/audit-views.interceptor';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../common/list-response';
import { ARREST_LIST, RecordsService } from './records.service';

/** Arrests, read-only. Case-level (person keys): reviewers, analysts and admins; every read is audited. */
@ApiTags('records')
@ApiCookieAuth()
@AllowRoles('caseLevel')
@Controller('arrests')
export class ArrestsController {
  constructor(private readonly records: RecordsService) {}

  @Get()
  @AuditView('Arrest')
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<ArrestRecord[]> {
    const query = parseListQueryOrThrow(raw, ARREST_LIST);
    const { rows, total } = await this.records.arrests(query);
    return sendPage(res, 'arrests', query, rows, total);
  }

  @Get(':id')
  @AuditView('Arrest')
  get(@Param('id') id: string): Promise<ArrestRecord> {
    return this.records.arrest(id);
  }
}
