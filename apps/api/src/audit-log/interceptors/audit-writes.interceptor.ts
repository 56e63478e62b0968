import { HttpException, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { catchError, concatMap, from, map, type Observable } from 'rxjs';
import { clientOf, type AuthenticatedRequest } from '../../auth/authenticated-request';
import { AuditLogService } from '../audit-log.service';

export const SKIP_AUDIT = 'sra:skipAudit';
/** For handlers that write their own, more specific audit entries (sign-in, sign-out). */
export const SkipAudit = () => SetMetadata(SKIP_AUDIT, true);

export const AUDIT_DETAIL = 'sra:auditDetail';
/**
 * What a write changed, beyond its route and target, for the log: the cases a bulk change touched, the role given.
 * Ids, counts and settings only: never row content, notes or person keys.
 */
export const AuditDetail = (detail: (req: AuthenticatedRequest) => Record<string, unknown>) => SetMetadata(AUDIT_DETAIL, detail);

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Records every write that reached a handler, whether it succeeded or failed. */
@Injectable()
export class AuditWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly auditLog: AuditLogService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_AUDIT, [context.getHandler(), context.getClass()]);
    if (!WRITE_METHODS.has(req.method) || skip) return next.handle();

    const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const describe = this.reflector.get<((req: AuthenticatedRequest) => Record<string, unknown>) | undefined>(AUDIT_DETAIL, context.getHandler());
    const base = {
      actor: req.user ?? null,
      action: `${req.method} ${route}`,
      targetType: context.getClass().name.replace(/Controller$/, ''),
      detail: describe ? detailOf(describe, req) : undefined,
      ...clientOf(req),
    };
    const paramId = typeof req.params?.id === 'string' ? req.params.id : null;
    // The entry is written before the response goes out, so a client told "done" can rely on it being audited.
    return next.handle().pipe(
      concatMap((body: unknown) => {
        const res = context.switchToHttp().getResponse<Response>();
        // The record the write created: `id`, or `batchId` for an import.
        const record = body && typeof body === 'object' ? (body as { id?: unknown; batchId?: unknown }) : {};
        const bodyId = record.id ?? record.batchId;
        const entry = { ...base, targetId: paramId ?? (bodyId === undefined ? null : String(bodyId)), outcome: 'success' as const, statusCode: res.statusCode };
        return from(this.auditLog.record(entry)).pipe(map(() => body));
      }),
      catchError((error: unknown) => {
        const statusCode = error instanceof HttpException ? error.getStatus() : 500;
        return from(this.auditLog.record({ ...base, targetId: paramId, outcome: 'failure', statusCode })).pipe(
          concatMap(() => {
            throw error;
          }),
        );
      }),
    );
  }
}

/** A body that failed validation still gets its entry, with what could be read of it. */
function detailOf(describe: (req: AuthenticatedRequest) => Record<string, unknown>, req: AuthenticatedRequest): Record<string, unknown> | undefined {
  try {
    return req.body && typeof req.body === 'object' ? describe(req) : undefined;
  } catch {
    return undefined;
  }
}
