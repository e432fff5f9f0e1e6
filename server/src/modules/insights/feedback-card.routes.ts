import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Timestamp } from '../../platform/schemas.ts';
import { NpsFigureSchema } from '../surveys/index.ts';
import { shopFeedbackCard } from './feedback-card.service.ts';

const Share = (days: number) =>
  Type.Union([Type.Integer({ minimum: 0, maximum: 10_000 }), Type.Null()], {
    description: `new buyers who bought again within ${days} days (basis points); null without a cohort`,
  });

const FeedbackCardSchema = Type.Object({
  repeat: Type.Object({
    d14Bp: Share(14),
    d30Bp: Share(30),
    d90Bp: Share(90),
    cohort: Type.Object(
      { d14: Type.Integer(), d30: Type.Integer(), d90: Type.Integer() },
      { description: 'buyers counted per window: first purchase in the last 180 days, at least N days ago' },
    ),
  }),
  nps: Type.Object({
    windowDays: Type.Integer(),
    from: Timestamp,
    to: Timestamp,
    shop: NpsFigureSchema,
    platform: NpsFigureSchema,
  }),
});

/** The dashboard's repeat-customer and NPS card (shop members). */
export function feedbackCardRoutes(app: App, { db, clock }: AppContext) {
  registerRoutes(
    app,
    ['insights'],
    [
      route({
        method: 'GET',
        url: '/shops/:id/dashboard/feedback',
        access: { kinds: ['merchant'] },
        summary: 'Repeat-customer index (14/30/90 days) and NPS of the shop beside the platform’s',
        description: 'For members of the shop (another shop answers 404).',
        reads: 'replica',
        params: IdParams,
        response: { 200: FeedbackCardSchema },
        handler: async ({ principal, params, readDb }) =>
          shopFeedbackCard(readDb ?? db, principal, params.id, clock.now()),
      }),
    ],
  );
}
