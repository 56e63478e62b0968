import { Body, ConflictException, Controller, Get, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { CurrentUser as CurrentUserShape, DataSfPullState } from '@sra/contracts';
import { AuditDetail } from '../../audit-log/interceptors/audit-writes.interceptor';
import { AllowRoles, CurrentUser } from '../../auth/decorators/access.decorators';
import { DataSfPullSettingsDto } from './datasf-pull.dto';
import { DataSfPullScheduler } from './datasf-pull.scheduler';
import { DataSfPullService, PullBusy } from './datasf-pull.service';

/**
 * The DataSF pull's settings and state (admins only; both writes are audit-logged with the settings given):
 * `GET /api/datasf-pull`, `PUT /api/datasf-pull` (the settings), `POST /api/datasf-pull/run` ("pull now": 202 once
 * it is running, 409 when a pull already runs).
 */
@ApiTags('imports')
@ApiCookieAuth()
@AllowRoles('administration')
@Controller('datasf-pull')
export class DataSfPullController {
  constructor(
    private readonly pulls: DataSfPullService,
    private readonly scheduler: DataSfPullScheduler,
  ) {}

  @Get()
  state(): Promise<DataSfPullState> {
    return this.pulls.state();
  }

  @Put()
  @AuditDetail((req) => {
    const b = req.body as Partial<DataSfPullSettingsDto>;
    return { enabled: b.enabled, intervalHours: b.intervalHours, baseUrl: b.baseUrl, firstSince: b.firstSince };
  })
  save(@Body() body: DataSfPullSettingsDto, @CurrentUser() user: CurrentUserShape): Promise<DataSfPullState> {
    return this.pulls.saveSettings({ enabled: body.enabled, intervalHours: body.intervalHours, baseUrl: body.baseUrl, firstSince: body.firstSince ?? null }, user.email);
  }

  @Post('run')
  @HttpCode(HttpStatus.ACCEPTED)
  async run(@CurrentUser() user: CurrentUserShape): Promise<DataSfPullState> {
    try {
      await this.scheduler.start({ requestedBy: user.email, userId: user.id });
    } catch (error) {
      if (error instanceof PullBusy) throw new ConflictException(error.message);
      throw error;
    }
    return this.pulls.state();
  }
}
