import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Ok } from '../../platform/schemas.ts';
import { platformChatMetrics, shopChatMetrics } from './chat-metrics.service.ts';
import { rateSession, sessionRating } from './rating.service.ts';
import {
  ChatMetricsSchema,
  ChatSettingsBody,
  ChatSettingsSchema,
  KeywordReplyBody,
  KeywordReplyList,
  KeywordReplySchema,
  MetricsQuery,
  OpsChatMetricsSchema,
  RatingBody,
  SessionRatingState,
  ShopReplyParams,
} from './service.schema.ts';
import {
  createKeywordReply,
  deleteKeywordReply,
  listKeywordReplies,
  readChatSettings,
  saveChatSettings,
  updateKeywordReply,
} from './settings.service.ts';

const merchants = { kinds: ['merchant'] } as const;
const buyers = { kinds: ['buyer'] } as const;
const opsReaders = { ops: ['rule_admin', 'arbiter', 'reviewer'] } as const;

/** Auto-replies, the session rating and the metrics (product rules §8.3). */
export async function chatServiceRoutes(app: App, ctx: AppContext) {
  const { db, clock } = ctx;
  registerRoutes(
    app,
    ['chat'],
    [
      route({
        method: 'GET',
        url: '/shops/:id/chat/settings',
        access: merchants,
        summary:
          'The shop’s customer-service settings: welcome, off-hours reply, service hours, routing, bot',
        description:
          'A shop that never saved any has the defaults (bot on, 09:00–22:00 every day, last agent).',
        params: IdParams,
        response: { 200: ChatSettingsSchema },
        handler: async ({ principal, params }) => readChatSettings(db, principal, params.id),
      }),
      route({
        method: 'PUT',
        url: '/shops/:id/chat/settings',
        access: merchants,
        summary: 'The owner saves the shop’s customer-service settings (all of them)',
        params: IdParams,
        body: ChatSettingsBody,
        response: { 200: ChatSettingsSchema },
        handler: async ({ principal, params, body }) =>
          saveChatSettings(db, principal, params.id, body, clock.now()),
      }),
      route({
        method: 'GET',
        url: '/shops/:id/chat/keyword-replies',
        access: merchants,
        summary: 'The shop’s keyword answers (a keyword in a buyer’s message sends the answer)',
        params: IdParams,
        response: { 200: KeywordReplyList },
        handler: async ({ principal, params }) => listKeywordReplies(db, principal, params.id),
      }),
      route({
        method: 'POST',
        url: '/shops/:id/chat/keyword-replies',
        access: merchants,
        summary: 'The owner adds a keyword answer (at most 50 per shop)',
        params: IdParams,
        body: KeywordReplyBody,
        response: { 201: KeywordReplySchema },
        status: 201,
        handler: async ({ principal, params, body }) =>
          createKeywordReply(db, principal, params.id, body, clock.now()),
      }),
      route({
        method: 'PUT',
        url: '/shops/:id/chat/keyword-replies/:replyId',
        access: merchants,
        summary: 'The owner changes a keyword answer',
        params: ShopReplyParams,
        body: KeywordReplyBody,
        response: { 200: KeywordReplySchema },
        handler: async ({ principal, params, body }) =>
          updateKeywordReply(db, principal, params.id, params.replyId, body),
      }),
      route({
        method: 'DELETE',
        url: '/shops/:id/chat/keyword-replies/:replyId',
        access: merchants,
        summary: 'The owner deletes a keyword answer',
        params: ShopReplyParams,
        response: { 200: Ok },
        handler: async ({ principal, params }) =>
          deleteKeywordReply(db, principal, params.id, params.replyId),
      }),
      route({
        method: 'GET',
        url: '/chat/sessions/:id/rating',
        access: buyers,
        summary: 'Where my rating of a customer-service session stands (the rating card)',
        params: IdParams,
        response: { 200: SessionRatingState },
        handler: async ({ principal, params }) => sessionRating(db, principal, params.id),
      }),
      route({
        method: 'POST',
        url: '/chat/sessions/:id/rating',
        access: buyers,
        summary: 'I rate a closed session I was asked to rate, once: good / neutral / bad, optional comment',
        description:
          '404 when the session is not mine; 409 (`chat_session_open`, `chat_session_not_rateable`, `chat_session_rated`).',
        params: IdParams,
        body: RatingBody,
        response: { 200: SessionRatingState },
        handler: async ({ principal, params, body }) =>
          db.transaction().execute((tx) => rateSession(tx, principal, params.id, body, clock.now())),
      }),
      route({
        method: 'GET',
        url: '/shops/:id/chat/metrics',
        access: merchants,
        summary:
          'The shop’s customer-service metrics per local day, per agent and in total: 3-minute response rate, average first response, good-rating rate',
        description: 'Default window: the 7 local days ending today; at most 92 days.',
        params: IdParams,
        querystring: MetricsQuery,
        response: { 200: ChatMetricsSchema },
        handler: async ({ principal, params, query }) =>
          shopChatMetrics(db, principal, params.id, query, clock.now()),
      }),
      route({
        method: 'GET',
        url: '/ops/chat/metrics',
        access: opsReaders,
        summary: 'The platform’s customer-service metrics per local day, per shop (50 busiest) and in total',
        querystring: MetricsQuery,
        response: { 200: OpsChatMetricsSchema },
        handler: async ({ query }) => platformChatMetrics(db, query, clock.now()),
      }),
    ],
  );
}
