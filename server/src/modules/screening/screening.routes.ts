import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, withPage } from '../../platform/schemas.ts';
import { NewTerm, TermChange, TermPage, TermsQuery, TestText } from './lexicon.schema.ts';
import { ScreenResultSchema } from './screen-hit.schema.ts';
import { addTerm, listTerms, removeTerm, ScreeningService } from './screening.service.ts';

const editors = { ops: ['rule_admin', 'reviewer'] } as const;

/** Ops routes of the screening lexicon: list, add, remove terms, and try a text. */
export async function screeningRoutes(
  app: App,
  ctx: AppContext,
  screening: ScreeningService = new ScreeningService(ctx.db, { pubsub: ctx.pubsub }),
) {
  registerRoutes(app, ['trust'], screeningRouteTable(ctx, screening));
}

/** The lexicon API as a table: one row per route (access, schemas, the use case it calls). */
function screeningRouteTable({ db }: AppContext, screening: ScreeningService): AnyRouteSpec[] {
  /** A new lexicon version, in force in this process at once (the notification would do it too, a moment later). */
  const lexiconChange = async <T>(change: Promise<T>) => {
    const changed = await change;
    screening.invalidate();
    return changed;
  };

  return [
    route({
      method: 'GET',
      url: '/ops/screening/terms',
      access: editors,
      summary: 'The live screening lexicon and its version',
      querystring: TermsQuery,
      response: { 200: TermPage },
      handler: async ({ query }) => listTerms(db, withPage(query)),
    }),
    route({
      method: 'POST',
      url: '/ops/screening/terms',
      access: editors,
      summary: 'Add a screening term or pattern: a new lexicon version, in force at once',
      body: NewTerm,
      response: { 201: TermChange },
      status: 201,
      handler: async ({ principal, body }) => lexiconChange(addTerm(db, body, principal.userId)),
    }),
    route({
      method: 'DELETE',
      url: '/ops/screening/terms/:id',
      access: editors,
      summary: 'Remove a screening term (kept for audit): a new lexicon version, in force at once',
      params: IdParams,
      response: { 200: TermChange },
      handler: async ({ principal, params }) => lexiconChange(removeTerm(db, params.id, principal.userId)),
    }),
    route({
      method: 'POST',
      url: '/ops/screening/test',
      access: editors,
      summary:
        'Screen a text (for a surface) with the lexicon in force and the model, and show what matched and why',
      body: TestText,
      response: { 200: ScreenResultSchema },
      handler: async ({ body }) =>
        screening.screen(body.text, { categories: body.categories, surface: body.surface }),
    }),
  ];
}
