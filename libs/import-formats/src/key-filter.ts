/**
 * Which rows might repeat a key seen earlier in the file: a Bloom filter of
 * fixed size (memory stays flat however large the file), so the database
 * checks only these few lines for duplicates instead of grouping every row.
 * A row is a candidate when all its probes hit bits already set; real
 * duplicates always are, and false candidates are rare (about 1 in 100,000
 * rows at a million rows, 1 in 200 at five million).
 */
const BITS_LOG2 = 26; // 8 MB
const PROBES = 4;
/** Beyond this many candidates the filter gives up and the database checks every row. */
export const MAX_CANDIDATES = 100_000;

export class KeyFilter {
  private readonly words = new Int32Array(1 << (BITS_LOG2 - 5));
  private readonly mask = (1 << BITS_LOG2) - 1;
  private lines: number[] = [];
  private overflowed = false;

  /** Adds a row's key, given as two independent 32-bit hashes of it. */
  add(h1: number, h2: number, line: number): void {
    let seen = true;
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + Math.imul(i, h2 | 1)) & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.words[word] & flag) === 0) {
        seen = false;
        this.words[word] |= flag;
      }
    }
    if (!seen || this.overflowed) return;
    if (this.lines.length >= MAX_CANDIDATES) {
      this.overflowed = true;
      this.lines = [];
      return;
    }
    this.lines.push(line);
  }

  /** Lines that may repeat an earlier key, or null when there were too many to list (check every row). */
  get candidates(): number[] | null {
    return this.overflowed ? null : this.lines;
  }
}

/** Two 32-bit FNV-1a style hashes (different seeds and primes) of a byte range, for KeyFilter. */
export function hashKeyBytes(b: Uint8Array, s: number, e: number, into: Int32Array): void {
  let h1 = into[0];
  let h2 = into[1];
  for (let i = s; i < e; i++) {
    h1 = Math.imul(h1 ^ b[i], 0x01000193);
    h2 = Math.imul(h2 ^ b[i], 0x5bd1e995);
  }
  // A separator, so that ("ab", "c") and ("a", "bc") differ.
  into[0] = Math.imul(h1 ^ 0x1f, 0x01000193);
  into[1] = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
}

export const KEY_HASH_SEEDS = [0x811c9dc5 | 0, 0x2545f491] as const;

/** Murmur3's finaliser: spreads every input bit over the low bits the filter uses. */
export function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
