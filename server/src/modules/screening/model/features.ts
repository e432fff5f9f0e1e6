// Features of the screening model (issue 17): hashed character n-grams, Latin words and word pairs,
// and the shape of digit runs of the NORMALISED text, each folded into one of 2^bits buckets.
// The hash is FNV-1a over UTF-16 code units with a murmur finaliser; nothing is allocated per n-gram.
// Features are PRESENCE-based: a bucket is written once per text however often its n-gram recurs (a
// reusable stamp array is the visited set), so a repetitive text (字×62, 哈哈哈…, 666666) has the
// features of its first few characters and scores no higher for being long.

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

// The visited set: stamp[bucket] === generation when the bucket was written for the current text.
// One array per bucket count, reused for every text (no allocation per text or per n-gram).
let stamp = new Uint32Array(0);
let generation = 0;

function nextGeneration(bits: number): number {
  if (stamp.length !== 1 << bits) {
    stamp = new Uint32Array(1 << bits);
    generation = 0;
  }
  if (generation === 0xffffffff) {
    stamp.fill(0);
    generation = 0;
  }
  return ++generation;
}

/**
 * Writes the DISTINCT feature buckets of a normalised text into `out` (which must hold
 * maxFeatures(text.length)) in order of first occurrence and returns how many there are. A bucket
 * that occurs twice is written once (presence, not counts).
 * - character n-grams (1..MAX_NGRAM), with every digit read as '0' so numbers are known by shape,
 *   not by value (one order number is not another's feature);
 * - each Latin word (a run of a–z) and each pair of neighbouring words;
 * - each run of digits by its length (capped at 16), whether it starts with 1 (mobile numbers) and
 *   whether it is one digit repeated (666666 is chatter).
 */
export function featurize(text: string, bits: number, out: Int32Array): number {
  const mask = (1 << bits) - 1;
  const n = text.length;
  const gen = nextGeneration(bits);
  const seen = stamp;
  let k = 0;
  let f = 0;
  for (let i = 0; i < n; i++) {
    let h = SEED_CHARS;
    const end = Math.min(n, i + MAX_NGRAM);
    for (let j = i; j < end; j++) {
      const c = text.charCodeAt(j);
      h = Math.imul(h ^ (isDigit(c) ? 48 : c), FNV_PRIME);
      f = mix(h ^ (j - i)) & mask;
      if (seen[f] !== gen) {
        seen[f] = gen;
        out[k++] = f;
      }
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
      f = word & mask;
      if (seen[f] !== gen) {
        seen[f] = gen;
        out[k++] = f;
      }
      if (prevWord !== 0) {
        f = mix(Math.imul(SEED_PAIR ^ prevWord, FNV_PRIME) ^ word) & mask;
        if (seen[f] !== gen) {
          seen[f] = gen;
          out[k++] = f;
        }
      }
      prevWord = word;
      i = j;
    } else if (isDigit(c)) {
      let j = i;
      let same = 2; // one digit repeated (1111111, 666666) is chatter, not a number
      while (j < n && isDigit(text.charCodeAt(j))) if (text.charCodeAt(j++) !== c) same = 0;
      const length = Math.min(j - i, 16);
      f = mix(Math.imul(SEED_DIGITS ^ length, FNV_PRIME) ^ (c === 49 ? 1 : 0) ^ same) & mask;
      if (seen[f] !== gen) {
        seen[f] = gen;
        out[k++] = f;
      }
      i = j;
    } else {
      // a space keeps the word pair going; anything else (Han characters, signs) breaks it
      if (c !== 32) prevWord = 0;
      i++;
    }
  }
  return k;
}
