import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { MeasuresResult } from '@sra/contracts';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import { MeasuresQueryDto } from './dto/measures-query.dto';
import { MeasuresService } from './measures.service';

/**
 * Exact measures by month, district, category or agency: case-level only. A viewer sees only the released set
 * (issue 12), which the dashboard serves; these slices are not part of it.
 */
@ApiTags('measures')
@ApiCookieAuth()
@AllowRoles('caseLevel')
@Controller('measures')
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @Get()
  get(@Query() query: MeasuresQueryDto): Promise<MeasuresResult> {
    return this.measures.measures(query);
  }
}
