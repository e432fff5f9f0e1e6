import {
  type Lexicon,
  NEGATORS_EN,
  NEGATORS_ZH,
  NEUTRAL_WORDS,
  NOT_NEGATING_ZH,
  TOPIC_LEXICON,
} from './topic-lexicon.ts';
import type { Topic } from './voice.tables.ts';

export const TOPICS = [
  'quality',
  'logistics',
  'service',
  'description_mismatch',
  'price',
] as const satisfies readonly Topic[];

/** A word found in a text, and whether a negation before it took it back. */
export interface Match {
  topic: Topic;
  word: string;
  weight: number;
  negated: boolean;
}

export interface Classification {
  /** The topics whose weights reached 1, in TOPICS order. */
  topics: Topic[];
  matches: Match[];
}

const THRESHOLD = 1;
/** Characters before a Chinese word that a negation may sit in ("没有任何质量问题"). */
const ZH_NEGATION_REACH = 4;
/** Words before an English word that a negation may sit in ("not really broken"). */
const EN_NEGATION_REACH = 3;
const CLAUSE_END = /[，。！？；,.!?;:：\n~～]/;
const HAS_HAN = /\p{Script=Han}/u;

/** Full-width forms to half-width, lowercased, runs of spaces as one. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
}

/** The clause before `index`: back to the last punctuation, at most `reach` characters. */
function clauseBefore(text: string, index: number, reach: number): string {
  let start = index;
  while (start > 0 && index - start < reach && !CLAUSE_END.test(text[start - 1]!)) start -= 1;
  return text.slice(start, index);
}

function negatedZh(text: string, index: number): boolean {
  let before = clauseBefore(text, index, ZH_NEGATION_REACH);
  for (const phrase of NOT_NEGATING_ZH) before = before.split(phrase).join('');
  return NEGATORS_ZH.some((n) => before.includes(n));
}

function negatedEn(text: string, index: number): boolean {
  const before = clauseBefore(text, index, 40).trim().split(' ').slice(-EN_NEGATION_REACH);
  return before.some((w) => (NEGATORS_EN as readonly string[]).includes(w));
}

const startsNegated = (word: string) =>
  (NEGATORS_ZH as readonly string[]).some((n) => word.startsWith(n)) ||
  (NEGATORS_EN as readonly string[]).some((n) => word.startsWith(`${n} `));

/** Where `word` occurs in `text`: anywhere for Chinese, as whole words for English. */
function occurrences(text: string, word: string): number[] {
  const found: number[] = [];
  const han = HAS_HAN.test(word);
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    if (!han) {
      const before = text[i - 1];
      const after = text[i + word.length];
      if ((before && /[a-z0-9']/.test(before)) || (after && /[a-z0-9]/.test(after))) continue;
    }
    found.push(i);
  }
  return found;
}

interface Occurrence {
  topic: Topic | null;
  word: string;
  weight: number;
  start: number;
  end: number;
}

/** Every occurrence of every lexicon word (and neutral word) in a normalised text. */
function occurrencesOf(normal: string, lexicon: Lexicon): Occurrence[] {
  const found: Occurrence[] = [];
  for (const topic of TOPICS)
    for (const [word, weight] of lexicon[topic])
      for (const start of occurrences(normal, word))
        found.push({ topic, word, weight, start, end: start + word.length });
  for (const word of NEUTRAL_WORDS)
    for (const start of occurrences(normal, word))
      found.push({ topic: null, word, weight: 0, start, end: start + word.length });
  return found;
}

/**
 * The topics a buyer's text complains about (product rules §8.4): each lexicon word found counts its
 * weight once, unless a negation stands before it in the same clause ("没有破损", "一点都不贵", "not
 * broken") or a longer word found covers it ("压坏了" is about the delivery, not the "坏了" inside it;
 * "贵州" is a place). A topic is named when its weights reach 1. Several topics may be named, or none
 * (praise and plain questions name none).
 */
export function classifyTopics(text: string, lexicon: Lexicon = TOPIC_LEXICON): Classification {
  const normal = normalise(text);
  const all = occurrencesOf(normal, lexicon);
  const covered = (o: Occurrence) =>
    all.some(
      (other) => other.end - other.start > o.end - o.start && other.start <= o.start && other.end >= o.end,
    );
  const byWord = new Map<string, { topic: Topic; word: string; weight: number; negated: boolean }>();
  for (const o of all) {
    if (o.topic === null || covered(o)) continue;
    const negated =
      !startsNegated(o.word) &&
      (HAS_HAN.test(o.word) ? negatedZh(normal, o.start) : negatedEn(normal, o.start));
    const key = `${o.topic}:${o.word}`;
    const seen = byWord.get(key);
    // A word counts once; it stands if any of its occurrences is not negated.
    if (!seen) byWord.set(key, { topic: o.topic, word: o.word, weight: o.weight, negated });
    else if (!negated) seen.negated = false;
  }
  const matches = [...byWord.values()];
  const scores = new Map<Topic, number>();
  for (const m of matches) if (!m.negated) scores.set(m.topic, (scores.get(m.topic) ?? 0) + m.weight);
  // Compare in hundredths: 0.6 + 0.4 is 1 however floats add.
  const topics = TOPICS.filter((t) => Math.round((scores.get(t) ?? 0) * 100) >= THRESHOLD * 100);
  return { topics, matches };
}
