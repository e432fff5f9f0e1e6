import {
  INTENT_PHRASES,
  INTENTS,
  type Intent,
  MIN_MARGIN,
  MIN_SCORE,
  type Phrase,
  TYPO_DISCOUNT,
} from './intents.ts';

const CJK = /[\u3400-\u9fff]/;
const LATIN_PHRASE = /^[a-z0-9 ]+$/;

/** Lower case, half-width, punctuation gone; spaces kept only between Latin words. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(?<=[\u3400-\u9fff]) +| +(?=[\u3400-\u9fff])/g, '')
    .trim();
}

/** Optimal string alignment distance (one swap of neighbours counts 1), stopping early above 1. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]! <= 1;
}

/** 1 for an exact match, TYPO_DISCOUNT for a match with one typo, 0 for none. */
export function phraseMatch(text: string, phrase: string): number {
  if (LATIN_PHRASE.test(phrase)) {
    const words = text.split(' ').filter((w) => !CJK.test(w));
    const phraseWords = phrase.split(' ');
    // A short word must be the whole word ("hi" is not in "this"); a longer one may start a word ("shipped").
    const wordMatches = (word: string, p: string) => (p.length >= 4 ? word.startsWith(p) : word === p);
    for (let i = 0; i + phraseWords.length <= words.length; i++) {
      if (phraseWords.every((p, k) => wordMatches(words[i + k]!, p))) return 1;
    }
    if (phraseWords.length === 1 && phrase.length >= 5) {
      for (const word of words) {
        if (withinOneEdit(word.slice(0, phrase.length), phrase) || withinOneEdit(word, phrase))
          return TYPO_DISCOUNT;
      }
    }
    return 0;
  }
  if (text.includes(phrase)) return 1;
  // A CJK phrase of four or more characters also matches with one character replaced (a homophone
  // typo); shorter ones would match other questions (怎么吃 is not 怎么退).
  if (phrase.length >= 4) {
    for (let i = 0; i + phrase.length <= text.length; i++) {
      let differences = 0;
      for (let k = 0; k < phrase.length && differences <= 1; k++)
        if (text[i + k] !== phrase[k]) differences++;
      if (differences <= 1) return TYPO_DISCOUNT;
    }
  }
  return 0;
}

export interface IntentMatch {
  intent: Intent | 'unknown';
  score: number;
  scores: Record<Intent, number>;
}

/** Scores every intent against the buyer's message and picks one, or 'unknown' (product rules §8.3). */
export function matchIntent(
  message: string,
  phrases: Record<Intent, readonly Phrase[]> = INTENT_PHRASES,
): IntentMatch {
  const text = normalise(message);
  const scores = Object.fromEntries(INTENTS.map((i) => [i, 0])) as Record<Intent, number>;
  for (const intent of INTENTS) {
    for (const [phrase, weight] of phrases[intent]) scores[intent] += weight * phraseMatch(text, phrase);
  }
  const ranked = [...INTENTS].sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0]!;
  const margin = scores[best] - scores[ranked[1]!];
  const found = scores[best] >= MIN_SCORE && margin >= MIN_MARGIN;
  return { intent: found ? best : 'unknown', score: scores[best], scores };
}
