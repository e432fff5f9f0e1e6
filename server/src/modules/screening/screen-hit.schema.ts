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
