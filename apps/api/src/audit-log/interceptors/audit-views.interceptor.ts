import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { concatMap, from, map, type Observable } from 'rxjs';
import { AUDIT_ACTIONS } from '@sra/contracts';
import { clientOf, type AuthenticatedRequest } from '../../auth/authenticated-request';
import { AuditLogService } from '../audit-log.service';

export const AUDIT_VIEW = 'sra:auditView';
/**
 * Marks a read of case-level data (a flag, an incident, an arrest, a DA decision, or a list of them): who
 * looked, at what and when is written to the audit log before the response goes out.
 */
export const AuditView = (targetType: string, options: AuditViewOptions = {}) => SetMetadata(AUDIT_VIEW, { targetType, ...options });

export interface AuditViewOptions {
  /** The action written; by default `case.viewed` for one record and `cases.listed` for a list. */
  action?: string;
  /** What else the entry says about the read (which edition of a report): ids and settings only. */
  detail?: (req: AuthenticatedRequest) => Record<string, unknown>;
}

/** Person keys are pseudonymous but still case-level: the audit log keeps that a key was searched for, not which. */
function filterForAudit(raw: unknown): unknown {
  if (typeof raw !== 'string') return undefined;
  try {
    const filter = JSON.parse(raw) as Record<string, unknown>;
    if (filter && typeof filter === 'object' && 'personKey' in filter) filter.personKey = '(a person key)';
    return filter;
  } catch {
    return undefined;
  }
}

@Injectable()
export class AuditViewsInterceptor implements NestInterceptor {
  constructor(
    private readonly auditLog: AuditLogService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const view = this.reflector.get<({ targetType: string } & AuditViewOptions) | undefined>(AUDIT_VIEW, context.getHandler());
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!view || req.method !== 'GET') return next.handle();
    const { targetType } = view;
    const id = typeof req.params?.id === 'string' ? req.params.id : null;
    return next.handle().pipe(
      concatMap((body: unknown) => {
        const res = context.switchToHttp().getResponse<Response>();
        const entry = {
          actor: req.user ?? null,
          action: view.action ?? (id === null ? AUDIT_ACTIONS.casesListed : AUDIT_ACTIONS.caseViewed),
          targetType,
          targetId: id,
          outcome: 'success' as const,
          statusCode: res.statusCode,
          detail: detailOf(id === null ? { filter: filterForAudit(req.query.filter), range: req.query.range ?? null } : {}, view.detail?.(req)),
          ...clientOf(req),
        };
        return from(this.auditLog.record(entry)).pipe(map(() => body));
      }),
    );
  }
}

function detailOf(...parts: Array<Record<string, unknown> | undefined>): Record<string, unknown> | undefined {
  const detail = Object.assign({}, ...parts) as Record<string, unknown>;
  return Object.keys(detail).length > 0 ? detail : undefined;
}
