import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The lexicon is data (product rules §6: "Lexicons are data editable by ops"): the defaults live in
// default-lexicon.txt, are written to `screening_terms` on first use, and ops edit them from there.

export const CATEGORIES = [
  'off_platform',
  'false_advertising',
  'medical_claim',
  'absolute_terms',
  'hype',
  'extortion',
  // issue 17: abuse and vulgarity, fake giveaways (虚构福利), high-price recycling scams (高价回收)
  'vulgarity',
  'fake_giveaway',
  'recycling_scam',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const SEVERITIES = ['low', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const TERM_KINDS = ['literal', 'pattern'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/** One lexicon entry: a literal term or a pattern, the category it signals and how strongly. */
export interface TermInput {
  term: string;
  kind: TermKind;
  category: Category;
  severity: Severity;
  lang: Lang;
}

const oneOf = <T extends string>(values: readonly T[], value: string | undefined, line: number): T => {
  if (!values.includes(value as T)) throw new Error(`default-lexicon.txt:${line}: unknown value ${value}`);
  return value as T;
};

/** Reads the lexicon text format (see the head of default-lexicon.txt). */
export function parseLexicon(text: string): TermInput[] {
  const terms: TermInput[] = [];
  let section: Omit<TermInput, 'term'> | undefined;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('@')) {
      const [category, severity, lang, kind] = line.slice(1).trim().split(/\s+/);
      section = {
        category: oneOf(CATEGORIES, category, index + 1),
        severity: oneOf(SEVERITIES, severity, index + 1),
        lang: oneOf(LANGS, lang, index + 1),
        kind: oneOf(TERM_KINDS, kind, index + 1),
      };
      continue;
    }
    if (!section) throw new Error(`default-lexicon.txt:${index + 1}: a term before any section`);
    terms.push({ ...section, term: line });
  }
  return terms;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The lexicon a fresh database starts with (seeded on first use, then edited by ops). */
export const DEFAULT_LEXICON: readonly TermInput[] = parseLexicon(
  fs.readFileSync(path.join(here, 'default-lexicon.txt'), 'utf8'),
);
