import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { IdParams, withPage } from '../../platform/schemas.ts';
import {
  FeedbackPage,
  IngestionSchema,
  OpsFeedbackQuery,
  OverviewQuery,
  OverviewSchema,
  ShopFeedbackQuery,
} from './voice.schema.ts';
import {
  ingestionStatus,
  listFeedback,
  shopFeedback,
  shopVoiceOverview,
  voiceOverview,
} from './voice-read.service.ts';

const merchant = { kinds: ['merchant'] } as const;
const opsReaders = { ops: ['reviewer', 'arbiter', 'rule_admin'] } as const;

/** The voice of the user (product rules §8.4): topics of order-linked feedback, for ops and for a shop. */
export async function voiceRoutes(app: App, ctx: AppContext) {
  const { db, clock } = ctx;
  const tags = ['voice'];

  app.get(
    '/ops/voice/overview',
    {
      config: { access: opsReaders },
      schema: {
        tags,
        summary: 'Topics of the platform’s feedback: totals with their trend, per day, top shops and SKUs',
        querystring: OverviewQuery,
        response: { 200: OverviewSchema },
      },
    },
    async (request) => voiceOverview(db, { days: request.query.days ?? 7, now: clock.now() }),
  );

  app.get(
    '/ops/voice/feedback',
    {
      config: { access: opsReaders },
      schema: {
        tags,
        summary: 'Feedback that named a topic, newest first, with the text as written',
        querystring: OpsFeedbackQuery,
        response: { 200: FeedbackPage },
      },
    },
    async (request) => listFeedback(db, withPage(request.query)),
  );

  app.get(
    '/ops/voice/ingestion',
    {
      config: { access: opsReaders },
      schema: {
        tags,
        summary: 'How much of each source has been read, and how much named a topic',
        response: { 200: IngestionSchema },
      },
    },
    async () => ingestionStatus(db),
  );

  app.get(
    '/shops/:id/voice/overview',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary:
          'Topics of the shop’s feedback: totals with their trend, per day, the SKUs most complained about',
        params: IdParams,
        querystring: OverviewQuery,
        response: { 200: OverviewSchema },
      },
    },
    async (request) =>
      shopVoiceOverview(db, request.principal!, {
        shopId: request.params.id,
        days: request.query.days ?? 7,
        now: clock.now(),
      }),
  );

  app.get(
    '/shops/:id/voice/feedback',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'The shop’s feedback that named a topic, newest first, with the text as written',
        params: IdParams,
        querystring: ShopFeedbackQuery,
        response: { 200: FeedbackPage },
      },
    },
    async (request) =>
      shopFeedback(db, request.principal!, { ...withPage(request.query), shopId: request.params.id }),
  );
}
