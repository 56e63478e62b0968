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

/**
 * Two 32-bit hashes of a byte range, continuing `into` (two lanes with their
 * own seeds, for KeyFilter and the row hash): MurmurHash3's block step over
 * four bytes at a time, then the tail and the length, so that ("ab", "c") and
 * ("a", "bc") differ. Finish with mixHash.
 */
export function hashKeyBytes(b: Uint8Array, s: number, e: number, into: Int32Array): void {
  let h1 = into[0];
  let h2 = into[1];
  let i = s;
  for (; i + 4 <= e; i += 4) {
    const k = b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
    h1 = murmurStep(h1, k);
    h2 = murmurStep(h2, k ^ 0x5bd1e995);
  }
  let tail = e - s;
  for (; i < e; i++) tail = (tail << 8) | b[i];
  into[0] = murmurStep(h1, tail);
  into[1] = murmurStep(h2, tail ^ 0x5bd1e995);
}

function murmurStep(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
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
