import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { keyedHash } from './keyed-hash';

describe('keyedHash', () => {
  it('is HMAC-SHA-256 in hex, as openssl computes it', () => {
    // `printf '%s' 'exact|SMITH|JOHN|1990-04-03|M' | openssl dgst -sha256 -hmac aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`
    expect(keyedHash('a'.repeat(32))('exact|SMITH|JOHN|1990-04-03|M')).toBe('bb7bc940d784b70030146b3d6e03ed0e6c0d6781925c006785bd9bd573695612');
  });
  it('hashes a secret longer than the block first (RFC 2104), as openssl does', () => {
    // `printf '%s' 'slk|MIHOH030419901' | openssl dgst -sha256 -hmac "$(printf 'b%.0s' $(seq 100))"`
    expect(keyedHash('b'.repeat(100))('slk|MIHOH030419901')).toBe(LONG_KEY_VECTOR);
  });
  it('gives the same hash however many times it is used', () => {
    const hash = keyedHash('c'.repeat(40));
    expect(hash('x')).toBe(hash('x'));
    expect(hash('x')).not.toBe(hash('y'));
  });
  it("agrees with node's createHmac on random secrets and messages of every length, across block boundaries", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 32, maxLength: 120, unit: 'binary' }), fc.array(fc.string({ maxLength: 150, unit: 'binary' }), { maxLength: 5 }), (secret, messages) => {
        const hash = keyedHash(secret);
        for (const m of messages) expect(hash(m)).toBe(createHmac('sha256', secret).update(m, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
    const hash = keyedHash('d'.repeat(32));
    for (let length = 0; length <= 200; length++) {
      const m = 'x'.repeat(length);
      expect(hash(m)).toBe(createHmac('sha256', 'd'.repeat(32)).update(m).digest('hex'));
    }
  });
  it('refuses a short secret', () => {
    expect(() => keyedHash('short')).toThrow(/at least 32 characters/);
  });
});

const LONG_KEY_VECTOR = '64d9030bedd5dd9903c54879b796555b2c0717cfecb81fea050b990f1875f409';
