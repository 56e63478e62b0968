/**
 * Limits password guesses in memory, three ways over a sliding window:
 * - failures per (client address, email): one address guessing one account;
 * - all attempts per client address: one address spraying many accounts;
 * - failures per account from any address: many addresses (a botnet, or forged ones) guessing one account. Reaching
 *   the limit locks the account for `accountLockoutSeconds`, doubled at each further lock while the failures go on,
 *   never longer than `accountLockoutMaxSeconds`. A browser that signed in to the account before (`knownDevice`)
 *   is not held by that lock, so an attacker cannot keep the real user out; their successful sign-in ends the lock.
 * One process: behind several replicas, put the limit in the proxy as well.
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

interface AccountState {
  failures: number[];
  /** Locks so far in this run of failures: the next lasts base * 2^locks. */
  locks: number;
  lockedUntil: number;
}

/** Above this many tracked keys, stale ones are swept (a spray of made-up emails must not grow memory for ever). */
const SWEEP_ABOVE = 10_000;

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly attempts = new Map<string, number[]>();
  private readonly accounts = new Map<string, AccountState>();

  constructor(
    private readonly limits: LoginRateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Call before checking the password; counts the attempt when allowed. */
  check(ip: string, email: string, options: { knownDevice?: boolean } = {}): LimitDecision {
    const t = this.now();
    this.sweep(t);
    const windowMs = this.limits.windowSeconds * 1000;
    const attempts = this.recent(this.attempts, ip, t, windowMs);
    const failures = this.recent(this.failures, failureKey(ip, email), t, windowMs);
    const freeAt = [
      failures.length >= this.limits.maxFailures ? failures[0] + windowMs : 0,
      attempts.length >= this.limits.maxAttemptsPerIp ? attempts[0] + windowMs : 0,
      options.knownDevice ? 0 : (this.accounts.get(accountKey(email))?.lockedUntil ?? 0),
    ].reduce((a, b) => Math.max(a, b), 0);
    if (freeAt > t) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - t) / 1000)) };
    attempts.push(t);
    this.attempts.set(ip, attempts);
    return { allowed: true };
  }

  recordFailure(ip: string, email: string): void {
    const t = this.now();
    const key = failureKey(ip, email);
    const list = this.failures.get(key) ?? [];
    list.push(t);
    this.failures.set(key, list);

    const windowMs = this.limits.windowSeconds * 1000;
    const account = this.accounts.get(accountKey(email)) ?? { failures: [], locks: 0, lockedUntil: 0 };
    // A run of failures ends with a quiet window after the last lock: the next lock starts short again.
    if (account.locks > 0 && t > account.lockedUntil + windowMs) account.locks = 0;
    account.failures = account.failures.filter((at) => at > t - windowMs);
    account.failures.push(t);
    if (account.failures.length >= this.limits.accountMaxFailures) {
      const seconds = Math.min(this.limits.accountLockoutSeconds * 2 ** account.locks, this.limits.accountLockoutMaxSeconds);
      account.lockedUntil = Math.max(account.lockedUntil, t + seconds * 1000);
      account.locks += 1;
      account.failures = [];
    }
    this.accounts.set(accountKey(email), account);
  }

  /** Ends the account's lock and its count of failures; the doubling goes on if the guessing does. */
  recordSuccess(ip: string, email: string): void {
    this.failures.delete(failureKey(ip, email));
    const account = this.accounts.get(accountKey(email));
    if (account) {
      account.failures = [];
      account.lockedUntil = Math.min(account.lockedUntil, this.now());
    }
  }

  private recent(map: Map<string, number[]>, key: string, t: number, windowMs: number): number[] {
    const list = (map.get(key) ?? []).filter((at) => at > t - windowMs);
    if (list.length === 0) map.delete(key);
    else map.set(key, list);
    return list;
  }

  private sweep(t: number): void {
    const windowMs = this.limits.windowSeconds * 1000;
    for (const map of [this.failures, this.attempts]) {
      if (map.size <= SWEEP_ABOVE) continue;
      for (const [key, times] of map) if (times.every((at) => at <= t - windowMs)) map.delete(key);
    }
    if (this.accounts.size > SWEEP_ABOVE) {
      for (const [key, account] of this.accounts) {
        if (account.lockedUntil + windowMs < t && account.failures.every((at) => at <= t - windowMs)) this.accounts.delete(key);
      }
    }
  }
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

function failureKey(ip: string, email: string): string {
  return `${ip}\u0000${accountKey(email)}`;
}
