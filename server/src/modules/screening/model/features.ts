// Features of the screening model (issue 17): hashed character n-grams, Latin words and word pairs,
// and the shape of digit runs of the NORMALISED text, each folded into one of 2^bits buckets.
// The hash is FNV-1a over UTF-16 code units with a murmur finaliser; nothing is allocated per n-gram.

/** Character n-grams from 1 to this length. */
export const MAX_NGRAM = 3;

// Seeds that keep the kinds of feature apart in the hash space.
const SEED_CHARS = 0x811c9dc5;
const SEED_WORD = 0x2f6b1a3d;
const SEED_PAIR = 0x5bd1e995;
const SEED_DIGITS = 0x1b873593;
const FNV_PRIME = 16777619;

/** The murmur3 finaliser: spreads the bits of an FNV state over the whole word. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a whole string from a seed (for tests and tools; the hot path hashes in place). */
export function hashString(s: string, seed = SEED_CHARS): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return mix(h);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLatin = (c: number) => c >= 97 && c <= 122;

/** The most features a text of this length can give (to size a buffer). */
export const maxFeatures = (length: number) => length * MAX_NGRAM + length * 2 + 2;

/**
 * Writes the feature buckets of a normalised text into `out` (which must hold maxFeatures(text.length))
 * and returns how many there are. A feature that occurs twice is written twice (counts).
 * - character n-grams (1..MAX_NGRAM), with every digit read as '0' so numbers are known by shape,
 *   not by value (one order number is not another's feature);
 * - each Latin word (a run of a–z) and each pair of neighbouring words;
 * - each run of digits by its length (capped at 16) and whether it starts with 1 (mobile numbers).
 */
export function featurize(text: string, bits: number, out: Int32Array): number {
  const mask = (1 << bits) - 1;
  const n = text.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    let h = SEED_CHARS;
    const end = Math.min(n, i + MAX_NGRAM);
    for (let j = i; j < end; j++) {
      const c = text.charCodeAt(j);
      h = Math.imul(h ^ (isDigit(c) ? 48 : c), FNV_PRIME);
      out[k++] = mix(h ^ (j - i)) & mask;
    }
  }
  // Latin words and neighbouring pairs; digit runs by shape
  let prevWord = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLatin(c)) {
      let h = SEED_WORD;
      let j = i;
      while (j < n && isLatin(text.charCodeAt(j))) h = Math.imul(h ^ text.charCodeAt(j++), FNV_PRIME);
      const word = mix(h);
      out[k++] = word & mask;
      if (prevWord !== 0) out[k++] = mix(Math.imul(SEED_PAIR ^ prevWord, FNV_PRIME) ^ word) & mask;
      prevWord = word;
      i = j;
    } else if (isDigit(c)) {
      let j = i;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      const length = Math.min(j - i, 16);
      out[k++] = mix(Math.imul(SEED_DIGITS ^ length, FNV_PRIME) ^ (c === 49 ? 1 : 0)) & mask;
      i = j;
    } else {
      // a space keeps the word pair going; anything else (Han characters, signs) breaks it
      if (c !== 32) prevWord = 0;
      i++;
    }
  }
  return k;
}
