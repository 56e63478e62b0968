import { createHmac } from 'node:crypto';

/** The shortest linkage secret the kit accepts, in characters (a passphrase of 32 random characters or more). */
export const MIN_SECRET_LENGTH = 32;

/** HMAC-SHA-256 under the linkage secret, as 64 lowercase hex characters. */
export type KeyedHash = (message: string) => string;

export function keyedHash(secret: string): KeyedHash {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`the linkage secret must be at least ${MIN_SECRET_LENGTH} characters long`);
  return (message) => createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}
