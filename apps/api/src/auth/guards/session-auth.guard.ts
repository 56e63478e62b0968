import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { roleAllowed, SESSION_COOKIE, type RoleGroup } from '@sra/contracts';
import { AuditLogService } from '../../audit-log/audit-log.service';
import { clientOf, type AuthenticatedRequest } from '../authenticated-request';
import { IS_PUBLIC, ROLE_GROUP } from '../decorators/access.decorators';
import { SessionService } from '../session.service';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The one gate in front of every route. It lets a request through only when
 * the route is marked @Public(), or the caller has a live session and the
 * route's @AllowRoles() group includes the caller's role. A route that says
 * nothing is closed.
 */
@Injectable()
export class SessionAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly auditLog: AuditLogService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const user = token ? await this.sessions.resolve(token) : null;
    if (!user) {
      await this.recordDeniedWrite(req, 401);
      throw new UnauthorizedException('Sign in to use this.');
    }
    req.user = user;

    const group = this.reflector.getAllAndOverride<RoleGroup | undefined>(ROLE_GROUP, targets);
    if (!group) {
      await this.recordDeniedWrite(req, 403);
      throw new ForbiddenException('This endpoint is not open to any role.');
    }
    if (!roleAllowed(user.role, group)) {
      await this.recordDeniedWrite(req, 403);
      throw new ForbiddenException(`Your role (${user.role}) does not allow this.`);
    }
    return true;
  }

  private async recordDeniedWrite(req: AuthenticatedRequest, statusCode: number): Promise<void> {
    if (!WRITE_METHODS.has(req.method)) return;
    await this.auditLog.record({
      actor: req.user ?? null,
      action: `${req.method} ${req.path}`,
      outcome: 'failure',
      statusCode,
      detail: { reason: statusCode === 401 ? 'not signed in' : 'role not allowed' },
      ...clientOf(req),
    });
  }
}
