import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AUDIT_ACTIONS, type ImportBatchRecord, type ImportRejectRecord } from '@sra/contracts';
import { csvLine } from '@sra/import-formats';
import { AuditView } from '../audit-log/interceptors/audit-views.interceptor';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../common/list-response';
import { BATCH_LIST, ImportBatchesService, REJECT_LIST } from './import-batches.service';

@ApiTags('imports')
@ApiCookieAuth()
@AllowRoles('dataLoading')
@Controller()
export class ImportBatchesController {
  constructor(private readonly batches: ImportBatchesService) {}

  @Get('import-batches')
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<ImportBatchRecord[]> {
    const query = parseListQueryOrThrow(raw, BATCH_LIST);
    const { rows, total } = await this.batches.list(query);
    return sendPage(res, 'import-batches', query, rows, total);
  }

  @Get('import-batches/:id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ImportBatchRecord> {
    const batch = await this.batches.get(id);
    if (!batch) throw new NotFoundException(`No import batch ${id}`);
    return batch;
  }

  /** The rejected rows of a batch as CSV (line, column, value, reason), by the one CSV writer: values from the file that a spreadsheet would run as formulas are written as text. */
  @Get('import-batches/:id/rejects.csv')
  @AuditView('ImportRejects', { action: AUDIT_ACTIONS.importRejectsRead, detail: () => ({ format: 'csv' }) })
  async rejectsCsv(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const batch = await this.batches.get(id);
    if (!batch) throw new NotFoundException(`No import batch ${id}`);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="rejects-${batch.kind}-${id.slice(0, 8)}.csv"`);
    res.write('line,column,value,reason\n');
    for await (const page of this.batches.allRejects(id)) {
      res.write(page.map((r) => csvLine([r.line, r.column, r.value, r.reason], '\n')).join(''));
    }
    res.end();
  }

  @Get('import-rejects')
  @AuditView('ImportRejects', { action: AUDIT_ACTIONS.importRejectsRead })
  async rejects(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<ImportRejectRecord[]> {
    const query = parseListQueryOrThrow(raw, REJECT_LIST);
    const { rows, total } = await this.batches.rejects(query);
    return sendPage(res, 'import-rejects', query, rows, total);
  }
}
