import { Module } from '@nestjs/common';
import { EvaluationService } from './evaluation/evaluation.service';
import { FlagsController } from './flags/flags.controller';
import { FlagsService } from './flags/flags.service';
import { MeasuresController } from './measures/measures.controller';
import { MeasuresService } from './measures/measures.service';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';

@Module({
  controllers: [PoliciesController, MeasuresController, FlagsController],
  providers: [PoliciesService, EvaluationService, MeasuresService, FlagsService],
  exports: [PoliciesService, EvaluationService],
})
export class ComplianceModule {}
