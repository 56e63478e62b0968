import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { DashboardResult } from '@sra/contracts';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import { DashboardService } from './dashboard.service';
import { DashboardQueryDto } from './dto/dashboard-query.dto';

/** The dashboard's aggregates: everyone signed in (no case-level data). */
@ApiTags('measures')
@ApiCookieAuth()
@AllowRoles('everyone')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  get(@Query() query: DashboardQueryDto): Promise<DashboardResult> {
    return this.dashboard.dashboard(query);
  }
}
