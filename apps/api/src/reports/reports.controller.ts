import { BadRequestException, Body, Controller, Get, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AUDIT_ACTIONS, REPORT_EDITIONS, REPORT_FORMATS, type CurrentUser, type ReportDocument, type ReportEdition, type ReportFormat, type ReportVersionRecord } from '@sra/contracts';
import { AuditView } from '../audit-log/interceptors/audit-views.interceptor';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../common/list-response';
import { EditionQueryDto, GenerateReportDto, PublishReportDto } from './dto/report.dto';
import { REPORT_LIST, ReportsService } from './reports.service';

const who = (req: AuthenticatedRequest) => req.user?.email ?? 'unknown';

/**
 * Monthly compliance reports. Everyone signed in reads the public edition; the internal edition is case-level;
 * analysts and admins generate and publish.
 */
@ApiTags('reports')
@ApiCookieAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @AllowRoles('everyone')
  async list(@Query() raw: ListQueryDto, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<ReportVersionRecord[]> {
    const query = parseListQueryOrThrow(raw, REPORT_LIST);
    const { rows, total } = await this.reports.list(query, (req.user as CurrentUser).role);
    return sendPage(res, 'reports', query, rows, total);
  }

  @Get(':id')
  @AllowRoles('everyone')
  get(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<ReportVersionRecord> {
    return this.reports.get(id, undefined, (req.user as CurrentUser).role);
  }

  /** The report as the page shows it. */
  @Get(':id/document')
  @AllowRoles('everyone')
  @AuditView('Report', { action: AUDIT_ACTIONS.reportRead, detail: (req) => ({ edition: req.query.edition ?? 'public' }) })
  document(@Param('id') id: string, @Query() query: EditionQueryDto, @Req() req: AuthenticatedRequest): Promise<ReportDocument> {
    return this.reports.document(id, query.edition ?? 'public', req.user as CurrentUser);
  }

  /** A stored file: `pdf`, `csv` (a zip of one CSV per table) or `json`. */
  @Get(':id/files/:edition/:format')
  @AllowRoles('everyone')
  @AuditView('Report', { action: AUDIT_ACTIONS.reportRead, detail: (req) => ({ edition: req.params.edition, format: req.params.format }) })
  async file(
    @Param('id') id: string,
    @Param('edition') edition: string,
    @Param('format') format: string,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    if (!(REPORT_EDITIONS as readonly string[]).includes(edition)) throw new BadRequestException(`edition must be one of ${REPORT_EDITIONS.join(', ')}`);
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new BadRequestException(`format must be one of ${REPORT_FORMATS.join(', ')}`);
    const file = await this.reports.file(id, edition as ReportEdition, format as ReportFormat, req.user as CurrentUser);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return new StreamableFile(file.content);
  }

  /** A new draft of a month (a new version when the month already has one). */
  @Post()
  @AllowRoles('dataLoading')
  generate(@Body() body: GenerateReportDto, @Req() req: AuthenticatedRequest): Promise<ReportVersionRecord> {
    return this.reports.generate(body.month, who(req), { reason: body.reason });
  }

  @Post(':id/publish')
  @AllowRoles('dataLoading')
  publish(@Param('id') id: string, @Body() body: PublishReportDto, @Req() req: AuthenticatedRequest): Promise<ReportVersionRecord> {
    return this.reports.publish(id, who(req), body.reason);
  }
}
