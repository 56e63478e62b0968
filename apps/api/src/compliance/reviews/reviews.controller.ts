import { Body, Controller, Get, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { BulkReviewResult, CurrentUser, ReviewerRecord, ReviewRecord } from '@sra/contracts';
import { AuditView } from '../../audit-log/interceptors/audit-views.interceptor';
import type { AuthenticatedRequest } from '../../auth/authenticated-request';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import { BulkReviewChangeDto, ReviewChangeDto } from './dto/review-change.dto';
import { ReviewsService } from './reviews.service';

/** Reviews of flagged cases: case-level roles (reviewers, analysts, admins); never viewers. */
@ApiTags('reviews')
@ApiCookieAuth()
@AllowRoles('caseLevel')
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('reviews/:id')
  @AuditView('FlagReview')
  get(@Param('id') flagId: string): Promise<ReviewRecord> {
    return this.reviews.get(flagId);
  }

  /** Status, assignee and/or a note; `version` refuses a change made on a stale page (409). */
  @Patch('reviews/:id')
  change(@Param('id') flagId: string, @Body() body: ReviewChangeDto, @Req() req: AuthenticatedRequest): Promise<ReviewRecord> {
    return this.reviews.change(flagId, body, req.user as CurrentUser);
  }

  /** One change to many cases (bulk assign, bulk status): all or nothing. */
  @Post('reviews/bulk')
  bulk(@Body() body: BulkReviewChangeDto, @Req() req: AuthenticatedRequest): Promise<BulkReviewResult> {
    const { flagIds, ...change } = body;
    return this.reviews.changeMany(flagIds, change, req.user as CurrentUser);
  }

  /** Who a case can be assigned to. */
  @Get('reviewers')
  reviewers(): Promise<ReviewerRecord[]> {
    return this.reviews.reviewers();
  }
}
