import { Controller, Get } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import type { EvaluationStatus } from '@sra/contracts';
import { EvaluationService } from './evaluation.service';

/** Whether the flags are up to date with the loaded data (every signed-in role: counts of runs and batches only). */
@ApiTags('measures')
@ApiCookieAuth()
@AllowRoles('everyone')
@Controller('evaluation')
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get('status')
  status(): Promise<EvaluationStatus> {
    return this.evaluation.status();
  }
}
