/**
 * Limits sign-in attempts in memory: failures per (client address, email),
 * and all attempts per client address, over a sliding window. Guessing one
 * account's password and spraying many accounts are both slowed.
 * One process: behind several replicas, put the limit in the proxy as well.
 */
export interface LoginRateLimits {
  maxFailures: number;
  maxAttemptsPerIp: number;
  windowSeconds: number;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginRateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Call before checking the password; counts the attempt when allowed. */
  check(ip: string, email: string): LimitDecision {
    const t = this.now();
    const windowMs = this.limits.windowSeconds * 1000;
    const attempts = this.recent(this.attempts, ip, t, windowMs);
    const failures = this.recent(this.failures, failureKey(ip, email), t, windowMs);
    const blockedBy = [
      failures.length >= this.limits.maxFailures ? failures : null,
      attempts.length >= this.limits.maxAttemptsPerIp ? attempts : null,
    ].filter((x): x is number[] => x !== null);
    if (blockedBy.length > 0) {
      const freeAt = Math.max(...blockedBy.map((times) => times[0] + windowMs));
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - t) / 1000)) };
    }
    attempts.push(t);
    this.attempts.set(ip, attempts);
    return { allowed: true };
  }

  recordFailure(ip: string, email: string): void {
    const key = failureKey(ip, email);
    const list = this.failures.get(key) ?? [];
    list.push(this.now());
    this.failures.set(key, list);
  }

  recordSuccess(ip: string, email: string): void {
    this.failures.delete(failureKey(ip, email));
  }

  private recent(map: Map<string, number[]>, key: string, t: number, windowMs: number): number[] {
    const list = (map.get(key) ?? []).filter((at) => at > t - windowMs);
    if (list.length === 0) map.delete(key);
    else map.set(key, list);
    return list;
  }
}

function failureKey(ip: string, email: string): string {
  return `${ip}\u0000${email.trim().toLowerCase()}`;
}
