import { ForbiddenException, HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { AUDIT_ACTIONS, type CurrentUser } from '@sra/contracts';
import { AuditLogService } from '../audit-log/audit-log.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { UsersService } from '../users/users.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { verifyAgainstDummy, verifyPassword } from './password';
import { hashToken, SessionService } from './session.service';

export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      { statusCode: 429, error: 'Too Many Requests', message: `Too many sign-in attempts. Try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

interface Client {
  ip: string | null;
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  private readonly limiter: LoginRateLimiter;

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly auditLog: AuditLogService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new LoginRateLimiter({
      maxFailures: config.loginMaxFailures,
      maxAttemptsPerIp: config.loginMaxAttemptsPerIp,
      windowSeconds: config.loginWindowSeconds,
    });
  }

  async signIn(email: string, password: string, client: Client): Promise<{ user: CurrentUser; token: string }> {
    const ip = client.ip ?? 'unknown';
    const decision = this.limiter.check(ip, email);
    if (!decision.allowed) {
      await this.auditLog.record({ action: AUDIT_ACTIONS.signInThrottled, actorEmail: email.slice(0, 320), outcome: 'failure', statusCode: 429, ...client });
      throw new TooManyAttemptsException(decision.retryAfterSeconds);
    }

    const found = await this.users.findForSignIn(email);
    const ok = found && found.active ? await verifyPassword(found.passwordHash, password) : await verifyAgainstDummy(password);
    if (!found || !ok) {
      this.limiter.recordFailure(ip, email);
      await this.auditLog.record({
        action: AUDIT_ACTIONS.signInFailed,
        actorEmail: email.slice(0, 320),
        outcome: 'failure',
        statusCode: 401,
        detail: { reason: !found ? 'unknown account' : found.active ? 'wrong password' : 'account disabled' },
        ...client,
      });
      throw new UnauthorizedException('Wrong email or password.');
    }

    this.limiter.recordSuccess(ip, email);
    const token = await this.sessions.create(found.id, client);
    await this.users.markSignedIn(found.id);
    const user: CurrentUser = { id: found.id, email: found.email, displayName: found.displayName, role: found.role };
    await this.auditLog.record({ actor: user, action: AUDIT_ACTIONS.signIn, targetType: 'User', targetId: user.id, outcome: 'success', statusCode: 200, ...client });
    return { user, token };
  }

  async changePassword(user: CurrentUser, currentPassword: string, newPassword: string, sessionToken: string | null): Promise<void> {
    const found = await this.users.findForSignIn(user.email);
    if (!found || !(await verifyPassword(found.passwordHash, currentPassword))) {
      throw new ForbiddenException('The current password is not right.');
    }
    await this.users.setPassword(user.id, newPassword, sessionToken ? hashToken(sessionToken) : null);
  }

  async signOut(token: string | undefined, user: CurrentUser | undefined, client: Client): Promise<void> {
    if (token) await this.sessions.revoke(token);
    await this.auditLog.record({ actor: user ?? null, action: AUDIT_ACTIONS.signOut, targetType: 'User', targetId: user?.id ?? null, outcome: 'success', statusCode: 204, ...client });
  }
}
