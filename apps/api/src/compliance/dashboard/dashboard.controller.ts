import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, DashboardResult } from '@sra/contracts';
import type { AuthenticatedRequest } from '../../auth/authenticated-request';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import { DashboardService } from './dashboard.service';
import { DashboardQueryDto } from './dto/dashboard-query.dto';

/** The dashboard's aggregates: everyone signed in (no case-level data; small counts suppressed for viewers). */
@ApiTags('measures')
@ApiCookieAuth()
@AllowRoles('everyone')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  get(@Query() query: DashboardQueryDto, @Req() req: AuthenticatedRequest): Promise<DashboardResult> {
    return this.dashboard.dashboard(query, (req.user as CurrentUser).role);
  }
}
