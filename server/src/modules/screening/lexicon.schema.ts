import { Type } from '@sinclair/typebox';
import { NonEmpty, Page, Pagination, Timestamp } from '../../platform/schemas.ts';
import { CATEGORIES, LANGS, SEVERITIES, TERM_KINDS } from './lexicon.ts';
import { SURFACES } from './surfaces.ts';

const union = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );

const CategorySchema = union(CATEGORIES, 'screening category (product rules §6)');
export const NewTerm = Type.Object(
  {
    term: NonEmpty(500, {
      description:
        'A literal (normalised like the texts: V信 = 微 信 = 微信; English words match whole) or a JavaScript regular expression over the normalised text',
    }),
    kind: union(TERM_KINDS),
    category: CategorySchema,
    severity: union(SEVERITIES, 'high: block (and stop a live session); low: review'),
    lang: union(LANGS),
  },
  { additionalProperties: false },
);
const Term = Type.Object({
  id: Type.Integer(),
  term: Type.String(),
  kind: union(TERM_KINDS),
  category: CategorySchema,
  severity: union(SEVERITIES),
  lang: union(LANGS),
  addedIn: Type.Integer({ description: 'the lexicon version that added it' }),
  createdBy: Type.Union([Type.Integer(), Type.Null()], { description: 'null for the default lexicon' }),
  createdAt: Timestamp,
});
export const TermPage = Type.Composite([Page(Term), Type.Object({ version: Type.Integer() })]);
export const TermChange = Type.Object({
  version: Type.Integer({ description: 'the new lexicon version' }),
  term: Term,
});
export const TermsQuery = Type.Composite([
  Pagination,
  Type.Object({
    category: Type.Optional(CategorySchema),
    lang: Type.Optional(union(LANGS)),
    kind: Type.Optional(union(TERM_KINDS)),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the term' })),
  }),
]);
export const TestText = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 5_000 }),
    categories: Type.Optional(Type.Array(CategorySchema, { minItems: 1, uniqueItems: true })),
    surface: Type.Optional(
      union(
        SURFACES,
        'where the text would be written: the categories that count and the model thresholds are those of the surface (absent: every category counts)',
      ),
    ),
  },
  { additionalProperties: false },
);
