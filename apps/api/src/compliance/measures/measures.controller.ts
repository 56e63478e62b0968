import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { MeasuresResult } from '@sra/contracts';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import { MeasuresQueryDto } from './dto/measures-query.dto';
import { MeasuresService } from './measures.service';

/** Aggregates only: every signed-in role. */
@ApiTags('measures')
@ApiCookieAuth()
@AllowRoles('everyone')
@Controller('measures')
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @Get()
  get(@Query() query: MeasuresQueryDto): Promise<MeasuresResult> {
    return this.measures.measures(query);
  }
}
