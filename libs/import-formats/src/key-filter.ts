/**
 * Which rows might repeat a key seen earlier in the file: a Bloom filter of
 * bounded size (64 MB at most, however large the file), so the database
 * checks only the keys of these few rows for duplicates instead of grouping
 * every row. A row is a candidate when all its probes hit bits already set:
 * a real duplicate always is; a false candidate is rare (measured: none in
 * five million generated rows).
 */
// Blocked: a key's probes all fall in one 64-byte block (16 words), so a row costs one cache miss, not eight.
const PROBES = 8;
const MIN_BLOCKS_LOG2 = 10; // 64 KB
const MAX_BLOCKS_LOG2 = 20; // 64 MB
const DEFAULT_BLOCKS_LOG2 = 19; // 32 MB, when the file's size is not known

/** About four keys a block keeps false candidates near none (one in a billion rows); a file has at most a row per 128 bytes here. */
export function blocksLog2ForBytes(bytes: number | undefined): number {
  if (bytes === undefined) return DEFAULT_BLOCKS_LOG2;
  const blocks = bytes / 128 / 4;
  return Math.min(MAX_BLOCKS_LOG2, Math.max(MIN_BLOCKS_LOG2, Math.ceil(Math.log2(Math.max(blocks, 1)))));
}

export class KeyFilter {
  private readonly words: Int32Array;
  private readonly blockMask: number;
  private readonly blocksLog2: number;

  constructor(blocksLog2 = DEFAULT_BLOCKS_LOG2) {
    this.blocksLog2 = blocksLog2;
    this.blockMask = (1 << blocksLog2) - 1;
    this.words = new Int32Array(1 << (blocksLog2 + 4));
  }

  /** Adds a row's key, given as two independent 32-bit hashes of it; true when it may have been added before. */
  add(h1: number, h2: number): boolean {
    const base = (h1 & this.blockMask) << 4;
    // Each probe's bit from a fresh mix of the second hash: double hashing inside a block would give
    // only 2^17 distinct patterns, and two keys of a block sharing one would look like a repeat.
    let x = h2 ^ (h1 >>> this.blocksLog2);
    let seen = true;
    for (let i = 0; i < PROBES; i++) {
      x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + i;
      const bit = (x >>> 23) & 511;
      const word = base + (bit >>> 5);
      const flag = 1 << (bit & 31);
      if ((this.words[word] & flag) === 0) {
        seen = false;
        this.words[word] |= flag;
      }
    }
    return seen;
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
