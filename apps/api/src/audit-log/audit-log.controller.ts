import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditLogEntry } from '@sra/contracts';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../common/list-response';
import { AUDIT_LOG_LIST, AuditLogService } from './audit-log.service';

@ApiTags('audit-log')
@ApiCookieAuth()
@AllowRoles('administration')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<AuditLogEntry[]> {
    const query = parseListQueryOrThrow(raw, AUDIT_LOG_LIST);
    const { rows, total } = await this.auditLog.list(query);
    return sendPage(res, 'audit-log', query, rows, total);
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<AuditLogEntry> {
    const entry = /^\d{1,18}$/.test(id) ? await this.auditLog.get(id) : null;
    if (!entry) throw new NotFoundException(`No audit log entry ${id}`);
    return entry;
  }
}
