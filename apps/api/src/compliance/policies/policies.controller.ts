import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { roleAllowed, type PolicyChange, type PolicyVersionDetail, type PolicyVersionRecord } from '@sra/contracts';
import type { AuthenticatedRequest } from '../../auth/authenticated-request';
import { AllowRoles } from '../../auth/decorators/access.decorators';
import { ListQueryDto } from '../../common/list-query.dto';
import { parseListQueryOrThrow, sendPage } from '../../common/list-response';
import { EvaluationService } from '../evaluation/evaluation.service';
import { CreatePolicyVersionDto } from './dto/create-policy-version.dto';
import { POLICY_LIST, PoliciesService } from './policies.service';

/**
 * A version's count of flags is about people's cases and is not in the released set (issue 12): a viewer gets none,
 * not even a large one, since a version's count beside the others and a released total would give a small one away.
 */
function forRole<T extends PolicyVersionRecord>(record: T, req: AuthenticatedRequest): T {
  const role = req.user?.role ?? 'viewer';
  if (roleAllowed(role, 'caseLevel')) return record;
  // What an evaluation did to the flags (a few new, one withdrawn) is case-level work: not for viewers.
  const shown = 'evaluation' in record ? { ...record, evaluation: null } : record;
  return { ...shown, flagCount: null };
}

/** The rules as versioned documents: everyone signed in may read them; admins add versions. */
@ApiTags('policies')
@ApiCookieAuth()
@Controller('policy-versions')
export class PoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly evaluation: EvaluationService,
  ) {}

  @Get()
  @AllowRoles('everyone')
  async list(@Query() raw: ListQueryDto, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<PolicyVersionRecord[]> {
    const query = parseListQueryOrThrow(raw, POLICY_LIST);
    const { rows, total } = await this.policies.list(query);
    return sendPage(res, 'policy-versions', query, rows.map((row) => forRole(row, req)), total);
  }

  @Get(':id')
  @AllowRoles('everyone')
  async get(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<PolicyVersionDetail> {
    return forRole(await this.policies.getWithEvaluation(id), req);
  }

  /** The changes from `against` (another version's id) to this version. */
  @Get(':id/diff')
  @AllowRoles('everyone')
  diff(@Param('id') id: string, @Query('against') against: string): Promise<PolicyChange[]> {
    return this.policies.diff(id, against);
  }

  /** A new version; the flags are then evaluated again in the background under every version. */
  @Post()
  @AllowRoles('administration')
  async create(@Body() body: CreatePolicyVersionDto, @Req() req: AuthenticatedRequest): Promise<PolicyVersionDetail> {
    const created = await this.policies.createVersion(body.document, req.user?.email ?? 'unknown');
    this.evaluation.evaluateInBackground({ trigger: 'policy-change', requestedBy: req.user?.email ?? 'unknown' });
    return created;
  }
}
