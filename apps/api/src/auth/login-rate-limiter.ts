import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits password guesses in memory with rate-limiter-flexible, three ways over a window of `windowSeconds` that
 * starts at the first counted event of a key (the library's fixed windows; its "login endpoint protection" pattern):
 * - failures per (client address, email): one address guessing one account;
 * - all attempts per client address: one address spraying many accounts;
 * - failures per account from any address: many addresses (a botnet, or forged ones) guessing one account. Reaching
 *   the limit locks the account for `accountLockoutSeconds`, doubled at each further lock while the failures go on,
 *   never longer than `accountLockoutMaxSeconds`. A browser that signed in to the account before (`knownDevice`)
 *   is not held by that lock, so an attacker cannot keep the real user out; their successful sign-in ends the lock,
 *   and so can an administrator (`endAccountLock`).
 * Every key expires with its window or lock (the library's timers), so a spray of made-up emails cannot grow memory
 * for ever. One process: behind several replicas, put the limit in the proxy as well.
 */
export interface LoginRateLimits {
  maxFailures: number;
  maxAttemptsPerIp: number;
  windowSeconds: number;
  accountMaxFailures: number;
  accountLockoutSeconds: number;
  accountLockoutMaxSeconds: number;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginRateLimiter {
  private readonly failures: RateLimiterMemory;
  private readonly attempts: RateLimiterMemory;
  private readonly accountFailures: RateLimiterMemory;
  /** An account's lock: a key blocked for the lock's length. */
  private readonly accountLocks: RateLimiterMemory;
  /** Locks so far in this run of failures (the next lasts base * 2^locks); forgotten a quiet window after the last. */
  private readonly accountLockCounts: RateLimiterMemory;

  constructor(private readonly limits: LoginRateLimits) {
    const window = { duration: limits.windowSeconds };
    this.failures = new RateLimiterMemory({ ...window, keyPrefix: 'ip-email', points: limits.maxFailures });
    this.attempts = new RateLimiterMemory({ ...window, keyPrefix: 'ip', points: limits.maxAttemptsPerIp });
    this.accountFailures = new RateLimiterMemory({ ...window, keyPrefix: 'account', points: limits.accountMaxFailures });
    this.accountLocks = new RateLimiterMemory({ keyPrefix: 'account-lock', points: 0, duration: limits.accountLockoutMaxSeconds });
    this.accountLockCounts = new RateLimiterMemory({ keyPrefix: 'account-locks', points: Number.MAX_SAFE_INTEGER, duration: limits.windowSeconds });
  }

  /** Call before checking the password; counts the attempt when allowed. */
  async check(ip: string, email: string, options: { knownDevice?: boolean } = {}): Promise<LimitDecision> {
    const waits = [
      msLeftOver(await this.failures.get(failureKey(ip, email)), this.limits.maxFailures),
      msLeftOver(await this.attempts.get(ip), this.limits.maxAttemptsPerIp),
      options.knownDevice ? 0 : msLeft(await this.accountLocks.get(accountKey(email))),
    ];
    let waitMs = Math.max(...waits);
    if (waitMs === 0) {
      // Counted only when let through; a race past the `get` above is caught here, where the library counts atomically.
      const counted = await this.attempts.consume(ip).catch((refused: unknown) => refusal(refused));
      waitMs = counted.consumedPoints > this.limits.maxAttemptsPerIp ? msLeft(counted) : 0;
    }
    return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } : { allowed: true };
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    await this.failures.penalty(failureKey(ip, email));
    const account = accountKey(email);
    const failures = await this.accountFailures.penalty(account);
    // Exactly at the limit: concurrent failures past it (before the delete below) do not lock twice.
    if (failures.consumedPoints !== this.limits.accountMaxFailures) return;
    // A lock: the failures start again from nothing, the lock doubles with each one in this run of failures.
    await this.accountFailures.delete(account);
    const locks = (await this.accountLockCounts.get(account))?.consumedPoints ?? 0;
    const seconds = Math.min(this.limits.accountLockoutSeconds * 2 ** locks, this.limits.accountLockoutMaxSeconds);
    const lockMs = Math.max(msLeft(await this.accountLocks.get(account)), seconds * 1000);
    await this.accountLocks.block(account, lockMs / 1000);
    await this.accountLockCounts.set(account, locks + 1, lockMs / 1000 + this.limits.windowSeconds);
  }

  /** The account's owner signed in: ends its lock and its count of failures; the doubling goes on if the guessing does. */
  async recordSuccess(ip: string, email: string): Promise<void> {
    await this.failures.delete(failureKey(ip, email));
    await this.endAccountLock(email);
  }

  /**
   * Ends the account's lock and its count of failures from any address (an administrator's unlock, or the owner's
   * sign-in); the per-address limits stay. The count of locks stays for a quiet window from now, so renewed
   * guessing meets a longer lock.
   */
  async endAccountLock(email: string): Promise<void> {
    const account = accountKey(email);
    await this.accountFailures.delete(account);
    await this.accountLocks.delete(account);
    const locks = await this.accountLockCounts.get(account);
    if (locks && msLeft(locks) > 0) await this.accountLockCounts.set(account, locks.consumedPoints, this.limits.windowSeconds);
  }

  /** When the account's lock ends, or null when it is not locked. */
  async accountLockedUntil(email: string): Promise<Date | null> {
    const ms = msLeft(await this.accountLocks.get(accountKey(email)));
    return ms > 0 ? new Date(Date.now() + ms) : null;
  }
}

/** Milliseconds before the key's window or block ends (0 when it has none or it is over). */
function msLeft(res: RateLimiterRes | null): number {
  return res ? Math.max(0, res.msBeforeNext) : 0;
}

/** Milliseconds before the key is free again when it has used up `limit`, else 0. */
function msLeftOver(res: RateLimiterRes | null, limit: number): number {
  return res && res.consumedPoints >= limit ? msLeft(res) : 0;
}

/** The library rejects a consume over the limit with its result; anything else is a real error. */
function refusal(refused: unknown): RateLimiterRes {
  if (refused instanceof RateLimiterRes) return refused;
  throw refused;
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

function failureKey(ip: string, email: string): string {
  return `${ip}\u0000${accountKey(email)}`;
}
