import { Module } from '@nestjs/common';
import { ChargeCodesModule } from '../charge-codes/charge-codes.module';
import { VersionedCache } from '../common/versioned-cache';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { EvaluationController } from './evaluation/evaluation.controller';
import { EvaluationService } from './evaluation/evaluation.service';
import { FlagsController } from './flags/flags.controller';
import { FlagsService } from './flags/flags.service';
import { MeasuresController } from './measures/measures.controller';
import { MeasuresService } from './measures/measures.service';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { ReleaseService } from './release/release.service';
import { ReviewsController } from './reviews/reviews.controller';
import { ReviewsService } from './reviews/reviews.service';

@Module({
  imports: [ChargeCodesModule],
  controllers: [PoliciesController, MeasuresController, FlagsController, CasesController, ReviewsController, DashboardController, EvaluationController],
  providers: [PoliciesService, EvaluationService, MeasuresService, FlagsService, CasesService, ReviewsService, DashboardService, ReleaseService, VersionedCache],
  exports: [PoliciesService, EvaluationService, FlagsService, CasesService, ReviewsService, ReleaseService],
})
export class ComplianceModule {}
