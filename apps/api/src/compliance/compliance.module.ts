import { Module } from '@nestjs/common';
import { EvaluationService } from './evaluation/evaluation.service';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';

@Module({
  controllers: [PoliciesController],
  providers: [PoliciesService, EvaluationService],
  exports: [PoliciesService, EvaluationService],
})
export class ComplianceModule {}
