import { Module } from '@nestjs/common';
import { EvaluationService } from './evaluation/evaluation.service';
import { PoliciesService } from './policies/policies.service';

@Module({
  providers: [PoliciesService, EvaluationService],
  exports: [PoliciesService, EvaluationService],
})
export class ComplianceModule {}
