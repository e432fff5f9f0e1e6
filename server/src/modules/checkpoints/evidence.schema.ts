import { Type } from '@sinclair/typebox';
import { Timestamp } from '../../platform/schemas.ts';
import { CATEGORIES, SCREENING_RISKS, SURFACES } from '../screening/index.ts';
import { NOT_COUNTED } from './screening-evidence.rule.ts';

const union = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {});

const CategorySchema = union(CATEGORIES, 'screening category (product rules §6)');

/** A lexicon entry that fired on a text: what, where, and whether it counted (and why not). */
export const EvidenceHitSchema = Type.Object({
  category: CategorySchema,
  term: Type.String({ description: 'the lexicon term, or pattern:<name> for a built-in pattern' }),
  severity: union(['low', 'high'] as const),
  match: Type.String({ description: 'what matched, in the normalised text' }),
  span: Type.Tuple([Type.Integer(), Type.Integer()], {
    description: '[start, end) in the text as screened (UTF-16 code units)',
  }),
  counted: Type.Boolean({ description: 'whether the hit counted towards the verdict' }),
  notCounted: Nullable(
    union(NOT_COUNTED),
    'why it did not count: negated, disclaimed, a category the surface does not enforce, a statement of fact',
  ),
});

/** A category the learned model scored, with the surface's thresholds. */
export const EvidenceScoreSchema = Type.Object({
  category: CategorySchema,
  score: Type.Number({ minimum: 0, maximum: 1 }),
  flagged: Type.Boolean({ description: "at or above the surface's flag threshold (review)" }),
  high: Type.Boolean({ description: "at or above the surface's high threshold (block)" }),
  flagAt: Nullable(Type.Number(), "the surface's flag threshold"),
  highAt: Nullable(Type.Number(), "the surface's high threshold"),
});

/** What a screening found in one text, with the versions it used. */
export const ScreeningFindingSchema = Type.Object({
  surface: Nullable(union(SURFACES), 'the surface the text was screened for'),
  risk: union(SCREENING_RISKS, 'none; low (a weak signal); medium (review); high (block)'),
  categories: Type.Array(CategorySchema, { description: 'the categories at medium or high on the surface' }),
  lexiconVersion: Type.Integer(),
  modelVersion: Type.String({ description: "the model weights used ('none' without a model)" }),
  hits: Type.Array(EvidenceHitSchema),
  model: Type.Array(EvidenceScoreSchema, { description: "the model's scores, highest first" }),
});

/** What the screening saw when a decision was taken on the text, kept with the decision. */
export const StoredEvidenceSchema = Type.Composite([
  ScreeningFindingSchema,
  Type.Object({
    decisionId: Type.Integer(),
    checkpoint: Type.String({ description: 'the decision checkpoint' }),
    outcome: union(['allow', 'review', 'block'] as const),
    text: Type.String({ description: 'the text as screened then (spans refer to it)' }),
    at: Timestamp,
    changedSince: Type.Boolean({
      description: 'screening the same text today (lexicon and model in force) gives another verdict',
    }),
  }),
]);
