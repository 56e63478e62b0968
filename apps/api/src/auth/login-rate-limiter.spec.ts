import { LoginRateLimiter, type LoginRateLimits } from './login-rate-limiter';

const ACCOUNT_LIMITS = { accountMaxFailures: 1000, accountLockoutSeconds: 60, accountLockoutMaxSeconds: 900 };

// The library reads Date.now and expires keys with timers: Jest's fake clock drives both, so no test waits.
beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

function limiter(limits: Partial<LoginRateLimits> = {}) {
  const l = new LoginRateLimiter({ maxFailures: 3, maxAttemptsPerIp: 10, windowSeconds: 60, ...ACCOUNT_LIMITS, ...limits });
  return { l, advance: (s: number) => jest.advanceTimersByTime(s * 1000) };
}

describe('LoginRateLimiter', () => {
  it('blocks an (address, email) pair after the allowed failures, until the first failure leaves the window', async () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect((await l.check('1.1.1.1', 'a@x.org')).allowed).toBe(true);
      await l.recordFailure('1.1.1.1', 'a@x.org');
      advance(10);
    }
    // failures at t=0,10,20 s; now t=30 s: the first frees at t=60 s
    expect(await l.check('1.1.1.1', 'A@X.org ')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    // another account from the same address is not blocked by those failures
    expect((await l.check('1.1.1.1', 'b@x.org')).allowed).toBe(true);
    advance(31);
    expect((await l.check('1.1.1.1', 'a@x.org')).allowed).toBe(true);
  });

  it('forgets failures after a successful sign-in', async () => {
    const { l } = limiter();
    await l.recordFailure('1.1.1.1', 'a@x.org');
    await l.recordFailure('1.1.1.1', 'a@x.org');
    await l.recordSuccess('1.1.1.1', 'a@x.org');
    await l.recordFailure('1.1.1.1', 'a@x.org');
    expect((await l.check('1.1.1.1', 'a@x.org')).allowed).toBe(true);
  });

  it('caps all attempts from one address, whatever the emails', async () => {
    const { l } = limiter({ maxFailures: 100, maxAttemptsPerIp: 4 });
    for (let i = 0; i < 4; i++) expect((await l.check('2.2.2.2', `u${i}@x.org`)).allowed).toBe(true);
    expect((await l.check('2.2.2.2', 'u9@x.org')).allowed).toBe(false);
    expect((await l.check('3.3.3.3', 'u9@x.org')).allowed).toBe(true);
  });

  describe('per account, from any address', () => {
    const accountLimits = { maxFailures: 100, maxAttemptsPerIp: 100, windowSeconds: 600, accountMaxFailures: 4, accountLockoutSeconds: 60, accountLockoutMaxSeconds: 200 };
    const failFromNewAddresses = async (l: LoginRateLimiter, email: string, n: number, from = 0) => {
      for (let i = 0; i < n; i++) {
        expect((await l.check(`10.0.${from + i}.1`, email)).allowed).toBe(true);
        await l.recordFailure(`10.0.${from + i}.1`, email);
      }
    };

    it('locks the account after its failures from many addresses, not other accounts', async () => {
      const { l } = limiter(accountLimits);
      await failFromNewAddresses(l, 'a@x.org', 4);
      expect(await l.check('10.9.9.9', 'A@x.org')).toEqual({ allowed: false, retryAfterSeconds: 60 });
      expect((await l.check('10.9.9.9', 'b@x.org')).allowed).toBe(true);
    });

    it('doubles each further lock up to the maximum, and starts short again after a quiet window', async () => {
      const { l, advance } = limiter(accountLimits);
      const lockSeconds: number[] = [];
      for (let round = 0; round < 4; round++) {
        await failFromNewAddresses(l, 'a@x.org', 4, round * 10);
        const decision = await l.check('10.9.9.9', 'a@x.org');
        lockSeconds.push(decision.allowed ? 0 : decision.retryAfterSeconds);
        advance(lockSeconds[round]);
      }
      // 60, 120, then 240 capped at 200, and 200 again
      expect(lockSeconds).toEqual([60, 120, 200, 200]);
      advance(601); // a quiet window after the last lock
      await failFromNewAddresses(l, 'a@x.org', 4, 50);
      expect(await l.check('10.9.9.9', 'a@x.org')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    });

    it('lets a known browser through the lock; its sign-in ends the lock but not the doubling', async () => {
      const { l, advance } = limiter(accountLimits);
      await failFromNewAddresses(l, 'a@x.org', 4);
      expect((await l.check('10.9.9.9', 'a@x.org')).allowed).toBe(false);
      expect((await l.check('192.0.2.7', 'a@x.org', { knownDevice: true })).allowed).toBe(true);
      await l.recordSuccess('192.0.2.7', 'a@x.org');
      expect((await l.check('10.9.9.9', 'a@x.org')).allowed).toBe(true);
      advance(10);
      await failFromNewAddresses(l, 'a@x.org', 4, 10);
      expect(await l.check('10.9.9.9', 'a@x.org')).toEqual({ allowed: false, retryAfterSeconds: 120 });
    });

    it('says until when the account is locked; an administrator ends the lock but not the limits of an address', async () => {
      const { l } = limiter({ ...accountLimits, maxFailures: 2 });
      expect(await l.accountLockedUntil('a@x.org')).toBeNull();
      await l.recordFailure('10.0.0.1', 'a@x.org');
      await l.recordFailure('10.0.0.1', 'a@x.org'); // this address has used up its 2
      await failFromNewAddresses(l, 'a@x.org', 2, 10);
      expect((await l.accountLockedUntil('A@x.org '))?.getTime()).toBe(Date.now() + 60_000);

      await l.endAccountLock('a@x.org');
      expect(await l.accountLockedUntil('a@x.org')).toBeNull();
      expect((await l.check('10.9.9.9', 'a@x.org')).allowed).toBe(true);
      expect((await l.check('10.0.0.1', 'a@x.org')).allowed).toBe(false);
      // the failures from any address start from nothing again: 3 more do not lock
      await failFromNewAddresses(l, 'a@x.org', 3, 20);
      expect(await l.accountLockedUntil('a@x.org')).toBeNull();
    });
  });

  it('forgets a spray of made-up emails once its window is over (memory stays bounded)', async () => {
    const { l, advance } = limiter({ maxAttemptsPerIp: 100_000 });
    for (let i = 0; i < 2_000; i++) {
      await l.check(`10.1.${i % 200}.1`, `made-up-${i}@x.org`);
      await l.recordFailure(`10.1.${i % 200}.1`, `made-up-${i}@x.org`);
    }
    // every key the library holds has its expiry timer, which deletes it
    expect(jest.getTimerCount()).toBeGreaterThanOrEqual(2_000);
    advance(61);
    expect(jest.getTimerCount()).toBe(0);
  });
});
