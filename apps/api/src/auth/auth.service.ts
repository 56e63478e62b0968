import { ForbiddenException, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isEmail } from 'class-validator';
import { AUDIT_ACTIONS, type CurrentUser } from '@sra/contracts';
import { AuditLogService } from '../audit-log/audit-log.service';
import { UsersService } from '../users/users.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { verifyAgainstDummy, verifyPassword } from './password';
import { hashToken, SessionService } from './session.service';

export class TooManyAttemptsException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    what = 'sign-in attempts',
  ) {
    super(
      { statusCode: 429, error: 'Too Many Requests', message: `Too many ${what}. Try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

interface Client {
  ip: string | null;
  userAgent: string | null;
}

/** What a failed sign-in records as the typed email: never text that is not an email (it is often a password). */
export function emailForAudit(typed: string): string {
  const email = typed.trim();
  return isEmail(email, { require_tld: false }) ? email.slice(0, 320) : '(not an email)';
}

@Injectable()
export class AuthService {
  /** Signs known-device tokens; per process, like the limiter's memory, so a restart forgets both. */
  private readonly deviceKey = randomBytes(32);

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly auditLog: AuditLogService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  /**
   * A token that a browser keeps after signing in to an account (a "device cookie"): with it, that browser is not
   * held by the account's lockout, which someone guessing the password from elsewhere may have set off.
   */
  knownDeviceToken(email: string): string {
    return createHmac('sha256', this.deviceKey).update(email.trim().toLowerCase()).digest('base64url');
  }

  private isKnownDevice(email: string, token: string | null): boolean {
    if (!token) return false;
    const expected = Buffer.from(this.knownDeviceToken(email));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async signIn(email: string, password: string, client: Client, knownDeviceToken: string | null = null): Promise<{ user: CurrentUser; token: string }> {
    const ip = client.ip ?? 'unknown';
    const decision = await this.limiter.check(ip, email, { knownDevice: this.isKnownDevice(email, knownDeviceToken) });
    if (!decision.allowed) {
      await this.auditLog.record({ action: AUDIT_ACTIONS.signInThrottled, actorEmail: emailForAudit(email), outcome: 'failure', statusCode: 429, ...client });
      throw new TooManyAttemptsException(decision.retryAfterSeconds);
    }

    const found = await this.users.findForSignIn(email);
    const ok = found && found.active ? await verifyPassword(found.passwordHash, password) : await verifyAgainstDummy(password);
    if (!found || !ok) {
      await this.limiter.recordFailure(ip, email);
      await this.auditLog.record({
        action: AUDIT_ACTIONS.signInFailed,
        actorEmail: emailForAudit(email),
        outcome: 'failure',
        statusCode: 401,
        detail: { reason: !found ? 'unknown account' : found.active ? 'wrong password' : 'account disabled' },
        ...client,
      });
      throw new UnauthorizedException('Wrong email or password.');
    }

    await this.limiter.recordSuccess(ip, email);
    const token = await this.sessions.create(found.id, client);
    await this.users.markSignedIn(found.id);
    const user: CurrentUser = { id: found.id, email: found.email, displayName: found.displayName, role: found.role };
    await this.auditLog.record({ actor: user, action: AUDIT_ACTIONS.signIn, targetType: 'User', targetId: user.id, outcome: 'success', statusCode: 200, ...client });
    return { user, token };
  }

  /**
   * The current-password check is a password oracle for whoever holds the session: it counts against the same
   * limits as sign-in (per address and account, and the account's lockout).
   */
  async changePassword(user: CurrentUser, currentPassword: string, newPassword: string, sessionToken: string | null, client: Client): Promise<void> {
    const ip = client.ip ?? 'unknown';
    const decision = await this.limiter.check(ip, user.email);
    if (!decision.allowed) throw new TooManyAttemptsException(decision.retryAfterSeconds, 'wrong passwords');
    const found = await this.users.findForSignIn(user.email);
    if (!found || !(await verifyPassword(found.passwordHash, currentPassword))) {
      await this.limiter.recordFailure(ip, user.email);
      throw new ForbiddenException('The current password is not right.');
    }
    await this.limiter.recordSuccess(ip, user.email);
    await this.users.setPassword(user.id, newPassword, sessionToken ? hashToken(sessionToken) : null);
  }

  async signOut(token: string | undefined, user: CurrentUser | undefined, client: Client): Promise<void> {
    if (token) await this.sessions.revoke(token);
    await this.auditLog.record({ actor: user ?? null, action: AUDIT_ACTIONS.signOut, targetType: 'User', targetId: user?.id ?? null, outcome: 'success', statusCode: 204, ...client });
  }
}
