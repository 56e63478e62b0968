import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, MeasuresResult } from '@sra/contracts';
import type { AuthenticatedRequest } from '../../auth/authenticated-request';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import { MeasuresQueryDto } from './dto/measures-query.dto';
import { MeasuresService } from './measures.service';

/** Aggregates only: every signed-in role (small counts suppressed for viewers). */
@ApiTags('measures')
@ApiCookieAuth()
@AllowRoles('everyone')
@Controller('measures')
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @Get()
  get(@Query() query: MeasuresQueryDto, @Req() req: AuthenticatedRequest): Promise<MeasuresResult> {
    return this.measures.measures(query, (req.user as CurrentUser).role);
  }
}
