import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CurrentUser, MeetingAgendaItem, MeetingDetail, MeetingRecord } from '@sra/contracts';
import { AuditView } from '../audit-log/interceptors/audit-views.interceptor';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { AllowRoles } from '../auth/decorators/access.decorators';
import { ListQueryDto } from '../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../common/list-response';
import { AddAgendaItemDto, AgendaBulkDto, BuildAgendaDto, CreateMeetingDto, MeetingDecisionDto, MinutesQueryDto, ReorderAgendaDto, UpdateMeetingDto } from './dto/meeting.dto';
import { MEETING_LIST, MeetingsService } from './meetings.service';

/**
 * Task-force review meetings: agenda of flagged cases, decisions, minutes. Case-level (the agenda shows the cases):
 * reviewers, analysts and admins; never viewers. Writes are audited with the meeting as their target (`:id`).
 */
@ApiTags('meetings')
@ApiCookieAuth()
@AllowRoles('caseLevel')
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  async list(@Query() raw: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<MeetingRecord[]> {
    const query = parseListQueryOrThrow(raw, MEETING_LIST);
    const { rows, total } = await this.meetings.list(query);
    return sendPage(res, 'meetings', query, rows, total);
  }

  /** The meeting with its agenda in order: the cases shown are written to the audit log as a view. */
  @Get(':id')
  @AuditView('Meeting')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<MeetingDetail> {
    return this.meetings.get(id);
  }

  @Post()
  create(@Body() body: CreateMeetingDto, @Req() req: AuthenticatedRequest): Promise<MeetingDetail> {
    return this.meetings.create(body, req.user as CurrentUser);
  }

  /** Date, title, attendees, notes, status (planned or held). */
  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateMeetingDto): Promise<MeetingDetail> {
    return this.meetings.update(id, body);
  }

  /** The agenda rule: period, minimum confidence, review status, a maximum and an order (defaults: BuildAgendaDto). */
  @Post(':id/agenda/build')
  @HttpCode(200)
  build(@Param('id', ParseUUIDPipe) id: string, @Body() body: BuildAgendaDto): Promise<MeetingDetail> {
    return this.meetings.buildAgenda(id, body);
  }

  /** A case added by hand, at the end. */
  @Post(':id/agenda')
  add(@Param('id', ParseUUIDPipe) id: string, @Body() body: AddAgendaItemDto): Promise<MeetingDetail> {
    return this.meetings.addItem(id, body.flagId);
  }

  /** Several cases added at the end, in the order given (those on the agenda already stay where they are). */
  @Post(':id/agenda/bulk')
  @HttpCode(200)
  addMany(@Param('id', ParseUUIDPipe) id: string, @Body() body: AgendaBulkDto): Promise<MeetingDetail> {
    return this.meetings.addMany(id, body.ids);
  }

  /** Several cases taken off the agenda (by their agenda flag ids); none is when one was decided here. */
  @Post(':id/agenda/bulk-remove')
  @HttpCode(200)
  removeMany(@Param('id', ParseUUIDPipe) id: string, @Body() body: AgendaBulkDto): Promise<MeetingDetail> {
    return this.meetings.removeMany(id, body.ids);
  }

  @Put(':id/agenda/order')
  reorder(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReorderAgendaDto): Promise<MeetingDetail> {
    return this.meetings.reorder(id, body.flagIds);
  }

  @Delete(':id/agenda/:flagId')
  remove(@Param('id', ParseUUIDPipe) id: string, @Param('flagId') flagId: string): Promise<MeetingDetail> {
    return this.meetings.removeItem(id, flagId);
  }

  /** The minutes as Markdown (`md`, the default) or PDF. Case-level content, so the download is written to the audit log as a view. */
  @Get(':id/minutes')
  @AuditView('Meeting')
  async minutes(@Param('id', ParseUUIDPipe) id: string, @Query() query: MinutesQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const format = query.format ?? 'md';
    if (format === 'pdf') {
      const { date, pdf } = await this.meetings.minutesPdf(id);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `attachment; filename="minutes-${date}.pdf"`);
      return new StreamableFile(pdf);
    }
    const { date, markdown } = await this.meetings.minutesMarkdown(id);
    res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="minutes-${date}.md"`);
    return new StreamableFile(Buffer.from(markdown, 'utf8'));
  }

  /** A decision on an agenda case: an ordinary review change (transitions, note rules, history), kept on the item. */
  @Post(':id/decisions')
  decide(@Param('id', ParseUUIDPipe) id: string, @Body() body: MeetingDecisionDto, @Req() req: AuthenticatedRequest): Promise<MeetingAgendaItem> {
    return this.meetings.decide(id, body, req.user as CurrentUser);
  }
}
