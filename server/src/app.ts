import { Type } from '@sinclair/typebox';
import { eventCatalog } from './events.ts';
import { addressesRoutes } from './modules/addresses/index.ts';
import {
  aftersalesEvidenceReaders,
  aftersalesFulfilmentHooks,
  aftersalesRoutes,
  hasOpenRequest,
  protectionRoutes,
  provideChatRecords,
} from './modules/aftersales/index.ts';
import { ApiKeyAuthenticator, apiKeysRoutes } from './modules/api-keys/index.ts';
import { audienceRoutes } from './modules/audience/index.ts';
import { careRoutes } from './modules/care/index.ts';
import { catalogRoutes, listingCaseHook } from './modules/catalog/index.ts';
import {
  chatConversationRoutes,
  chatImageReaders,
  chatRecordsForAftersales,
  chatServiceRoutes,
  chatWorkstationRoutes,
} from './modules/chat/index.ts';
import {
  contentCaseHooks,
  screeningViewRoutes,
  trustContentGate,
  trustListingGate,
  trustLiveTitleGate,
} from './modules/checkpoints/index.ts';
import { configurationRoutes } from './modules/configuration/index.ts';
import { contentRoutes, liveCommentFeed, reviewedLineIds } from './modules/content/index.ts';
import { discoveryRankingSignals, discoveryRoutes } from './modules/discovery/index.ts';
import { evidenceFileRoutes } from './modules/files/index.ts';
import { flashSalesRoutes } from './modules/flash-sales/index.ts';
import { freightRoutes } from './modules/freight/index.ts';
import { fulfilmentRoutes } from './modules/fulfilment/index.ts';
import {
  governanceRoutes,
  governanceShopStanding,
  provideRankingSignals,
} from './modules/governance/index.ts';
import { growthRoutes } from './modules/growth/index.ts';
import { identityRoutes, TokenCache } from './modules/identity/index.ts';
import { insightsRoutes } from './modules/insights/index.ts';
import { ipRoutes } from './modules/ip/index.ts';
import { ledgerRoutes } from './modules/ledger/index.ts';
import { liveEventsRoutes, liveRoutes } from './modules/live/index.ts';
import { orderDeskRoutes } from './modules/order-desk/index.ts';
import { liveSessionSales, ordersRoutes, unitsSoldByProduct } from './modules/orders/index.ts';
import { PaymentService, paymentProvider, paymentsRoutes } from './modules/payments/index.ts';
import { promotionsRoutes } from './modules/promotions/index.ts';
import { reportsRoutes } from './modules/reports/index.ts';
import { reputationRoutes } from './modules/reputation/index.ts';
import { trustEngineRoutes } from './modules/risk/index.ts';
import { ScreeningService, screeningRoutes } from './modules/screening/index.ts';
import {
  depositRoutes,
  provideDepositDiscount,
  provideSettlementHooks,
  settlementRoutes,
} from './modules/settlement/index.ts';
import { provideShopStanding, requireShopMember, shopsRoutes } from './modules/shops/index.ts';
import {
  refreshStandingAfterScores,
  standingDepositDiscount,
  standingRoutes,
} from './modules/standing/index.ts';
import { storefrontRoutes } from './modules/storefront/index.ts';
import { surveysRoutes } from './modules/surveys/index.ts';
import { triageRoutes } from './modules/triage/index.ts';
import { voiceRoutes } from './modules/voice/index.ts';
import { countFailingDeliveries, webhooksRoutes } from './modules/webhooks/index.ts';
import type { AppContext } from './platform/context.ts';
import { ping } from './platform/db.ts';
import { type App, createHttp } from './platform/http.ts';
import { observability } from './platform/observability.ts';
import { keepReadsAfterWrites } from './platform/read-cache.ts';
import { routeReads } from './platform/read-replica.ts';

/** Builds the HTTP application over a database: every module's routes under /api/v1. */
export async function buildApp(ctx: AppContext): Promise<App> {
  // Catalog, live and settlement check governance's penalties through this port.
  provideShopStanding(governanceShopStanding);
  // Settlement keeps an order's money in escrow while after-sales has a request open on it.
  provideSettlementHooks({ hasOpenRequest });
  // The required deposit carries the discount a shop's standing earns (product rules §7.2).
  provideDepositDiscount(standingDepositDiscount);
  // A traffic_limit penalty re-ranks the shop in its own transaction (product rules §7.4).
  provideRankingSignals(discoveryRankingSignals);
  // A refund-only rejection may cite the buyer's conversation with the shop (product rules §5, §8.2).
  provideChatRecords(chatRecordsForAftersales);
  const tokens = new TokenCache(ctx.db, ctx.clock, ctx.pubsub);
  // A shop's API key (docs/api-keys.md) is a bearer token too: sessions first, then keys.
  const apiKeys = new ApiKeyAuthenticator(ctx.db, ctx.clock, ctx.pubsub);
  // One compiled lexicon per process, shared by the ops routes and the content checkpoint.
  const screening = new ScreeningService(ctx.db, { pubsub: ctx.pubsub });
  const app = await createHttp({
    logger: ctx.log,
    authenticate: (token) => apiKeys.authenticate(token, (t) => tokens.resolve(t)),
    webRoot: ctx.config.webDir,
    timeZone: ctx.config.timeZone,
    trustProxy: ctx.config.trustProxy,
    openapi: { webhooks: eventCatalog() },
    slowRequestMs: ctx.config.slowRequestMs,
  });
  // /metrics, /health/live, /health/ready and the request-latency histogram (docs/observability.md)
  await observability(app, {
    db: ctx.db,
    clock: ctx.clock,
    metricsToken: ctx.config.metricsToken,
    webhookDeliveriesFailing: countFailingDeliveries,
  });

  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database status',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('up') }),
          503: Type.Object({ status: Type.Literal('degraded'), database: Type.Literal('down') }),
        },
      },
    },
    async (_request, reply) => {
      if (await ping(ctx.db)) return { status: 'ok' as const, database: 'up' as const };
      return reply.status(503).send({ status: 'degraded' as const, database: 'down' as const });
    },
  );

  const payments = new PaymentService(ctx.db, ctx.clock, ctx.settings, paymentProvider(), ctx.log);

  await app.register(
    async (api) => {
      keepReadsAfterWrites(api, ctx.pubsub);
      // DATABASE_READ_URL: read-only routes read the replica; writes answer their commit LSN
      if (ctx.replica) routeReads(api, ctx.db, ctx.replica);
      await identityRoutes(api, ctx, tokens);
      await shopsRoutes(api, ctx);
      await apiKeysRoutes(api, ctx, apiKeys);
      await audienceRoutes(api, ctx);
      await addressesRoutes(api, ctx, requireShopMember);
      await freightRoutes(api, ctx);
      await catalogRoutes(api, ctx, trustListingGate(screening), unitsSoldByProduct);
      await liveRoutes(api, ctx, trustLiveTitleGate(screening, ctx.settings));
      await flashSalesRoutes(api, ctx);
      await promotionsRoutes(api, ctx);
      await growthRoutes(api, ctx);
      await ledgerRoutes(api, ctx);
      await ordersRoutes(api, ctx, payments, reviewedLineIds);
      await paymentsRoutes(api, ctx, payments);
      await fulfilmentRoutes(api, ctx, aftersalesFulfilmentHooks(ctx.settings));
      await orderDeskRoutes(api, ctx, aftersalesFulfilmentHooks(ctx.settings));
      await settlementRoutes(api, ctx);
      await depositRoutes(api, ctx);
      await configurationRoutes(api, ctx);
      await protectionRoutes(api, ctx);
      await evidenceFileRoutes(api, ctx, [aftersalesEvidenceReaders, chatImageReaders]);
      await aftersalesRoutes(api, ctx);
      // Deciding a case decides its subject: the listing (defect 6), the content it held back.
      const caseHooks = { ...contentCaseHooks, product_listing: listingCaseHook(ctx.clock) };
      await trustEngineRoutes(api, ctx, caseHooks);
      await screeningRoutes(api, ctx, screening);
      await screeningViewRoutes(api, ctx, screening);
      await governanceRoutes(api, ctx);
      // After a recompute, standing re-evaluates the trust badge in the same transaction (product rules §7.2).
      await reputationRoutes(api, ctx, refreshStandingAfterScores);
      await standingRoutes(api, ctx);
      // Every comment, review and caption passes text screening and the decision engine (product rules §6).
      await contentRoutes(api, ctx, trustContentGate(screening, ctx.settings));
      await liveEventsRoutes(api, ctx, liveCommentFeed, { sales: liveSessionSales });
      // Buyer ↔ shop conversations; every chat text passes the same content checkpoint (§8.1).
      await chatConversationRoutes(api, ctx, trustContentGate(screening, ctx.settings));
      // Auto-replies, the session rating and the metrics (§8.3).
      await chatServiceRoutes(api, ctx);
      await chatWorkstationRoutes(api, ctx);
      await insightsRoutes(api, ctx, aftersalesFulfilmentHooks(ctx.settings));
      await ipRoutes(api, ctx);
      await triageRoutes(api, ctx, caseHooks);
      await reportsRoutes(api, ctx);
      await storefrontRoutes(api, ctx);
      // An NPS comment passes the same text screening as reviews; a risky one is held back (§7.3).
      await surveysRoutes(
        api,
        ctx,
        async (tx, comment) =>
          (await screening.screen(comment.text, { surface: 'review' }, tx)).risk !== 'none',
      );
      await discoveryRoutes(api, ctx);
      await voiceRoutes(api, ctx);
      await careRoutes(api, ctx);
      // Webhook endpoints of shops and of the platform, filtered by the event catalog (docs/webhooks.md).
      await webhooksRoutes(api, ctx, eventCatalog());
    },
    { prefix: '/api/v1' },
  );

  return app;
}
