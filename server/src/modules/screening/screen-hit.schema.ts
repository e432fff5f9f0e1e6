import { Type } from '@sinclair/typebox';
import { CATEGORIES, SEVERITIES } from './lexicon.ts';
import { NOT_COUNTED } from './scope.ts';
import { SCREENING_RISKS } from './screener.ts';
import { SURFACES } from './surfaces.ts';

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
  counted: Type.Boolean({ description: 'whether the hit weighs in the verdict (false: shown, not counted)' }),
  why: Type.Optional(
    Type.Union(
      NOT_COUNTED.map((w) => Type.Literal(w)),
      {
        description:
          'why a hit does not count: negated, a disclaimer, a category the surface does not enforce, a fact',
      },
    ),
  ),
});

/** One category the learned model scored, and what the surface's calibrated thresholds make of it. */
export const ModelVerdictSchema = Type.Object({
  category: Type.Union(CATEGORIES.map((c) => Type.Literal(c))),
  score: Type.Number({ minimum: 0, maximum: 1 }),
  flagged: Type.Boolean({ description: "at or above the surface's flag threshold" }),
  high: Type.Boolean({ description: "at or above the surface's high threshold" }),
  flagAt: Type.Union([Type.Number(), Type.Null()], {
    description: "the surface's flag threshold the score was held against (null: no surface)",
  }),
  highAt: Type.Union([Type.Number(), Type.Null()], {
    description: "the surface's high threshold the score was held against (null: no surface)",
  }),
});

/** What a screening found in one text: the lexicon version, the normalised text, risk and matches. */
export const ScreenResultSchema = Type.Object({
  version: Type.Integer({ description: 'the lexicon version used' }),
  normalized: Type.String({
    description: 'the text as matched: widths, case, look-alikes, spacing, numerals folded',
  }),
  risk: Type.Union(
    SCREENING_RISKS.map((r) => Type.Literal(r)),
    { description: 'none; low (a weak signal); medium (flagged: review); high (block)' },
  ),
  surface: Type.Optional(
    Type.Union(
      SURFACES.map((s) => Type.Literal(s)),
      { description: 'the surface the text was screened for' },
    ),
  ),
  model: Type.Array(ModelVerdictSchema, { description: "the learned model's scores, highest first" }),
  modelVersion: Type.String({ description: "the model weights used ('none' without a model)" }),
  categories: Type.Array(
    Type.Union(
      CATEGORIES.map((c) => Type.Literal(c)),
      { description: 'screening category (product rules §6)' },
    ),
  ),
  hits: Type.Array(HitSchema),
});
