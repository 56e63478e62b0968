import { createHash, type Hash } from 'node:crypto';

/** The shortest linkage secret the kit accepts, in characters (a passphrase of 32 random characters or more). */
export const MIN_SECRET_LENGTH = 32;

/** HMAC-SHA-256 under the linkage secret, as 64 lowercase hex characters. */
export type KeyedHash = (message: string) => string;

const BLOCK = 64;

/**
 * HMAC-SHA-256 (RFC 2104) under `secret`. The padded inner and outer keys are hashed once, and each message
 * continues copies of those two states: the same result as `createHmac('sha256', secret)`, without setting the key
 * up again for each of the dozen keys a row gets.
 */
export function keyedHash(secret: string): KeyedHash {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`the linkage secret must be at least ${MIN_SECRET_LENGTH} characters long`);
  let key = Buffer.from(secret, 'utf8');
  if (key.length > BLOCK) key = createHash('sha256').update(key).digest();
  const ipad = Buffer.alloc(BLOCK, 0x36);
  const opad = Buffer.alloc(BLOCK, 0x5c);
  for (let i = 0; i < key.length; i++) {
    ipad[i] ^= key[i];
    opad[i] ^= key[i];
  }
  const inner: Hash = createHash('sha256').update(ipad);
  const outer: Hash = createHash('sha256').update(opad);
  ipad.fill(0);
  opad.fill(0);
  key.fill(0);
  return (message) => outer.copy().update(inner.copy().update(message, 'utf8').digest()).digest('hex');
}
