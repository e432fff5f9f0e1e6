import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { IdParams, NonEmpty, Page, Pagination, Timestamp } from '../../platform/schemas.ts';
import { CATEGORIES, LANGS, SEVERITIES, TERM_KINDS } from './lexicon.ts';
import { ScreenResultSchema } from './screen-hit.schema.ts';
import { addTerm, listTerms, removeTerm, ScreeningService } from './screening.service.ts';

const union = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );

const CategorySchema = union(CATEGORIES, 'screening category (product rules §6)');
const NewTerm = Type.Object(
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
const TermChange = Type.Object({
  version: Type.Integer({ description: 'the new lexicon version' }),
  term: Term,
});
const TermsQuery = Type.Composite([
  Pagination,
  Type.Object({
    category: Type.Optional(CategorySchema),
    lang: Type.Optional(union(LANGS)),
    kind: Type.Optional(union(TERM_KINDS)),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the term' })),
  }),
]);
const TestText = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 5_000 }),
    categories: Type.Optional(Type.Array(CategorySchema, { minItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false },
);

const editors = { ops: ['rule_admin', 'reviewer'] } as const;

/** Ops routes of the screening lexicon: list, add, remove terms, and try a text. */
export async function screeningRoutes(
  app: App,
  ctx: AppContext,
  screening: ScreeningService = new ScreeningService(ctx.db, { pubsub: ctx.pubsub }),
) {
  const { db } = ctx;
  const tags = ['trust'];

  app.get(
    '/ops/screening/terms',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'The live screening lexicon and its version',
        querystring: TermsQuery,
        response: { 200: Type.Composite([Page(Term), Type.Object({ version: Type.Integer() })]) },
      },
    },
    async (request) => {
      const { limit = 20, offset = 0, ...filter } = request.query;
      return listTerms(db, { ...filter, limit, offset });
    },
  );

  app.post(
    '/ops/screening/terms',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Add a screening term or pattern: a new lexicon version, in force at once',
        body: NewTerm,
        response: { 201: TermChange },
      },
    },
    async (request, reply) => {
      const saved = await addTerm(db, request.body, request.principal!.userId);
      screening.invalidate(); // the notification would do it too, a moment later
      return reply.code(201).send(saved);
    },
  );

  app.delete(
    '/ops/screening/terms/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Remove a screening term (kept for audit): a new lexicon version, in force at once',
        params: IdParams,
        response: { 200: TermChange },
      },
    },
    async (request) => {
      const removed = await removeTerm(db, request.params.id, request.principal!.userId);
      screening.invalidate();
      return removed;
    },
  );

  app.post(
    '/ops/screening/test',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Screen a text with the lexicon in force and show what matched and why',
        body: TestText,
        response: { 200: ScreenResultSchema },
      },
    },
    async (request) => screening.screen(request.body.text, { categories: request.body.categories }),
  );
}
