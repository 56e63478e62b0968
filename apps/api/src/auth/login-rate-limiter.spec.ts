import { LoginRateLimiter, type LoginRateLimits } from './login-rate-limiter';

const ACCOUNT_LIMITS = { accountMaxFailures: 1000, accountLockoutSeconds: 60, accountLockoutMaxSeconds: 900 };

function limiter(limits: Partial<LoginRateLimits> = {}) {
  let now = 1_000_000;
  const l = new LoginRateLimiter({ maxFailures: 3, maxAttemptsPerIp: 10, windowSeconds: 60, ...ACCOUNT_LIMITS, ...limits }, () => now);
  return { l, advance: (s: number) => (now += s * 1000) };
}

describe('LoginRateLimiter', () => {
  it('blocks an (address, email) pair after the allowed failures, until the first failure leaves the window', () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.check('1.1.1.1', 'a@x.org').allowed).toBe(true);
      l.recordFailure('1.1.1.1', 'a@x.org');
      advance(10);
    }
    // failures at t=0,10,20 s; now t=30 s: the first frees at t=60 s
    expect(l.check('1.1.1.1', 'A@X.org ')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    // another account from the same address is not blocked by those failures
    expect(l.check('1.1.1.1', 'b@x.org').allowed).toBe(true);
    advance(31);
    expect(l.check('1.1.1.1', 'a@x.org').allowed).toBe(true);
  });

  it('forgets failures after a successful sign-in', () => {
    const { l } = limiter();
    l.recordFailure('1.1.1.1', 'a@x.org');
    l.recordFailure('1.1.1.1', 'a@x.org');
    l.recordSuccess('1.1.1.1', 'a@x.org');
    l.recordFailure('1.1.1.1', 'a@x.org');
    expect(l.check('1.1.1.1', 'a@x.org').allowed).toBe(true);
  });

  it('caps all attempts from one address, whatever the emails', () => {
    const { l } = limiter({ maxFailures: 100, maxAttemptsPerIp: 4 });
    for (let i = 0; i < 4; i++) expect(l.check('2.2.2.2', `u${i}@x.org`).allowed).toBe(true);
    expect(l.check('2.2.2.2', 'u9@x.org').allowed).toBe(false);
    expect(l.check('3.3.3.3', 'u9@x.org').allowed).toBe(true);
  });

  describe('per account, from any address', () => {
    const accountLimits = { maxFailures: 100, maxAttemptsPerIp: 100, windowSeconds: 600, accountMaxFailures: 4, accountLockoutSeconds: 60, accountLockoutMaxSeconds: 200 };
    const failFromNewAddresses = (l: LoginRateLimiter, email: string, n: number, from = 0) => {
      for (let i = 0; i < n; i++) {
        expect(l.check(`10.0.${from + i}.1`, email).allowed).toBe(true);
        l.recordFailure(`10.0.${from + i}.1`, email);
      }
    };

    it('locks the account after its failures from many addresses, not other accounts', () => {
      const { l } = limiter(accountLimits);
      failFromNewAddresses(l, 'a@x.org', 4);
      expect(l.check('10.9.9.9', 'A@x.org')).toEqual({ allowed: false, retryAfterSeconds: 60 });
      expect(l.check('10.9.9.9', 'b@x.org').allowed).toBe(true);
    });

    it('doubles each further lock up to the maximum, and starts short again after a quiet window', () => {
      const { l, advance } = limiter(accountLimits);
      const lockSeconds: number[] = [];
      for (let round = 0; round < 4; round++) {
        failFromNewAddresses(l, 'a@x.org', 4, round * 10);
        const decision = l.check('10.9.9.9', 'a@x.org');
        lockSeconds.push(decision.allowed ? 0 : decision.retryAfterSeconds);
        advance(lockSeconds[round]);
      }
      // 60, 120, then 240 capped at 200, and 200 again
      expect(lockSeconds).toEqual([60, 120, 200, 200]);
      advance(601); // a quiet window after the last lock
      failFromNewAddresses(l, 'a@x.org', 4, 50);
      expect(l.check('10.9.9.9', 'a@x.org')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    });

    it('lets a known browser through the lock; its sign-in ends the lock but not the doubling', () => {
      const { l, advance } = limiter(accountLimits);
      failFromNewAddresses(l, 'a@x.org', 4);
      expect(l.check('10.9.9.9', 'a@x.org').allowed).toBe(false);
      expect(l.check('192.0.2.7', 'a@x.org', { knownDevice: true }).allowed).toBe(true);
      l.recordSuccess('192.0.2.7', 'a@x.org');
      expect(l.check('10.9.9.9', 'a@x.org').allowed).toBe(true);
      advance(10);
      failFromNewAddresses(l, 'a@x.org', 4, 10);
      expect(l.check('10.9.9.9', 'a@x.org')).toEqual({ allowed: false, retryAfterSeconds: 120 });
    });
  });
});
