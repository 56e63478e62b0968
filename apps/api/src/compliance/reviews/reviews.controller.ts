import { BadRequestException, Body, Controller, Get, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { BulkReviewResult, CurrentUser, ReviewerRecord, ReviewRecord } from '@sra/contracts';
import { AuditView } from '../../audit-log/interceptors/audit-views.interceptor';
import { AuditDetail } from '../../audit-log/interceptors/audit-writes.interceptor';
import type { AuthenticatedRequest } from '../../auth/authenticated-request';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import { BulkReviewChangeDto, ReviewChangeDto } from './dto/review-change.dto';
import { ReviewsService } from './reviews.service';

/** Reviews of cases (a flag's id means its case): case-level roles (reviewers, analysts, admins); never viewers. */
@ApiTags('reviews')
@ApiCookieAuth()
@AllowRoles('caseLevel')
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('reviews/:id')
  @AuditView('FlagReview')
  get(@Param('id') id: string): Promise<ReviewRecord> {
    return this.reviews.get(id);
  }

  /** Status, assignee and/or a note; `version` refuses a change made on a stale page (409). */
  @Patch('reviews/:id')
  change(@Param('id') id: string, @Body() body: ReviewChangeDto, @Req() req: AuthenticatedRequest): Promise<ReviewRecord> {
    return this.reviews.change(id, body, req.user as CurrentUser);
  }

  /** One change to many cases (bulk assign, bulk status): all or nothing. */
  @Post('reviews/bulk')
  @AuditDetail(bulkTargets)
  bulk(@Body() body: BulkReviewChangeDto, @Req() req: AuthenticatedRequest): Promise<BulkReviewResult> {
    const { caseIds, flagIds, ...change } = body;
    const ids = [...(caseIds ?? []), ...(flagIds ?? [])];
    if (ids.length > 1000) throw new BadRequestException('at most 1,000 cases at once');
    return this.reviews.changeMany(ids, change, req.user as CurrentUser);
  }

  /** Who a case can be assigned to. */
  @Get('reviewers')
  reviewers(): Promise<ReviewerRecord[]> {
    return this.reviews.reviewers();
  }
}

/** The log names every case a bulk change reached (at most 1,000), and what the change was. */
function bulkTargets(req: AuthenticatedRequest): Record<string, unknown> {
  const body = req.body as Partial<BulkReviewChangeDto>;
  const ids = [...(Array.isArray(body.caseIds) ? body.caseIds : []), ...(Array.isArray(body.flagIds) ? body.flagIds : [])]
    .filter((id): id is string => typeof id === 'string')
    .slice(0, 1000);
  const change: Record<string, unknown> = {};
  if (typeof body.status === 'string') change.status = body.status;
  if (body.assigneeId !== undefined) change.assigneeId = body.assigneeId;
  return { targets: ids, targetCount: ids.length, change };
}
