import { Type } from '@sinclair/typebox';
import { CATEGORIES, SEVERITIES } from './lexicon.ts';

/** One match of a screening: what, why (category, severity) and where (span in the text as written). */
export const HitSchema = Type.Object({
  category: Type.Union(
    CATEGORIES.map((c) => Type.Literal(c)),
    { description: 'screening category (product rules §6)' },
  ),
  term: Type.String({ description: 'the lexicon term, or pattern:<name> for a built-in pattern' }),
  severity: Type.Union(SEVERITIES.map((s) => Type.Literal(s))),
  match: Type.String({ description: 'what matched, in the normalised text' }),
  span: Type.Tuple([Type.Integer(), Type.Integer()], {
    description: '[start, end) in the original text (UTF-16 code units)',
  }),
});

/** What a screening found in one text: the lexicon version, the normalised text, risk and matches. */
export const ScreenResultSchema = Type.Object({
  version: Type.Integer({ description: 'the lexicon version used' }),
  normalized: Type.String({
    description: 'the text as matched: widths, case, look-alikes, spacing, numerals folded',
  }),
  risk: Type.Union([Type.Literal('none'), Type.Literal('low'), Type.Literal('high')]),
  categories: Type.Array(
    Type.Union(
      CATEGORIES.map((c) => Type.Literal(c)),
      { description: 'screening category (product rules §6)' },
    ),
  ),
  hits: Type.Array(HitSchema),
});
