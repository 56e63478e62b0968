import * as crypto from 'node:crypto';

/** The shortest linkage secret the kit accepts, in characters (a passphrase of 32 random characters or more). */
export const MIN_SECRET_LENGTH = 32;

/** HMAC-SHA-256 under the linkage secret, as 64 lowercase hex characters. */
export type KeyedHash = (message: string) => string;

const BLOCK = 64;

/** SHA-256 by node's one-shot `crypto.hash` (Node 20.12 and later), else by a Hash object. */
const sha256: (data: Buffer, encoding: 'hex' | 'buffer') => string | Buffer =
  typeof crypto.hash === 'function'
    ? (data, encoding) => (encoding === 'buffer' ? crypto.hash('sha256', data, 'buffer') : crypto.hash('sha256', data, 'hex'))
    : (data, encoding) => (encoding === 'buffer' ? crypto.createHash('sha256').update(data).digest() : crypto.createHash('sha256').update(data).digest('hex'));

/**
 * HMAC-SHA-256 (RFC 2104) under `secret`: H((K ^ opad) || H((K ^ ipad) || message)), each H one call of node's
 * one-shot SHA-256. Node's `createHmac` makes an object per call, and creating and collecting them was most of the
 * kit's time; two one-shot hashes are about 1.4 times as fast. The tests check it against `createHmac`.
 */
export function keyedHash(secret: string): KeyedHash {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`the linkage secret must be at least ${MIN_SECRET_LENGTH} characters long`);
  let key: Buffer = Buffer.from(secret, 'utf8');
  if (key.length > BLOCK) key = sha256(key, 'buffer') as Buffer;
  const padded = (fill: number) => {
    const pad = Buffer.alloc(BLOCK, fill);
    for (let i = 0; i < key.length; i++) pad[i] ^= key[i];
    return pad;
  };
  const inner = padded(0x36);
  const outer = Buffer.concat([padded(0x5c), Buffer.alloc(32)]);
  key.fill(0);

  let buffer = Buffer.alloc(256);
  inner.copy(buffer);
  return (message) => {
    const need = BLOCK + Buffer.byteLength(message, 'utf8');
    if (buffer.length < need) {
      buffer = Buffer.alloc(2 * need);
      inner.copy(buffer);
    }
    const n = BLOCK + buffer.write(message, BLOCK, 'utf8');
    (sha256(buffer.subarray(0, n), 'buffer') as Buffer).copy(outer, BLOCK);
    return sha256(outer, 'hex') as string;
  };
}
