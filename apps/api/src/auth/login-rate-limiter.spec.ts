import { LoginRateLimiter } from './login-rate-limiter';

function limiter(limits = { maxFailures: 3, maxAttemptsPerIp: 10, windowSeconds: 60 }) {
  let now = 1_000_000;
  const l = new LoginRateLimiter(limits, () => now);
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
    const { l } = limiter({ maxFailures: 100, maxAttemptsPerIp: 4, windowSeconds: 60 });
    for (let i = 0; i < 4; i++) expect(l.check('2.2.2.2', `u${i}@x.org`).allowed).toBe(true);
    expect(l.check('2.2.2.2', 'u9@x.org').allowed).toBe(false);
    expect(l.check('3.3.3.3', 'u9@x.org').allowed).toBe(true);
  });
});
