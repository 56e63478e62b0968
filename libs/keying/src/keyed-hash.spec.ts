import { keyedHash } from './keyed-hash';

describe('keyedHash', () => {
  it('is HMAC-SHA-256 in hex, as openssl computes it', () => {
    // HMAC-SHA-256 with key "a" x 32 and message "exact|SMITH|JOHN|1990-04-03|M", computed independently with
    // `printf '%s' 'exact|SMITH|JOHN|1990-04-03|M' | openssl dgst -sha256 -hmac aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`.
    expect(keyedHash('a'.repeat(32))('exact|SMITH|JOHN|1990-04-03|M')).toBe(OPENSSL_VECTOR);
  });
  it('refuses a short secret', () => {
    expect(() => keyedHash('short')).toThrow(/at least 32 characters/);
  });
});

const OPENSSL_VECTOR = 'bb7bc940d784b70030146b3d6e03ed0e6c0d6781925c006785bd9bd573695612';
