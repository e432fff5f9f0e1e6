import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import {
  EmptyBody,
  HistoryQuery,
  HistorySchema,
  ReputationSchema,
  ShopScoresPage,
  ShopScoresQuery,
} from './reputation.schema.ts';
import { readShopHistory, readShopReputation, recomputeShop, withShopNames } from './reputation.service.ts';
import type { AfterScoresRecomputed } from './reputation-ports.ts';
import { listShopScores } from './reputation-read.service.ts';

const merchants = { kinds: ['merchant'] } as const;
const opsReaders = { ops: ['rule_admin', 'arbiter', 'reviewer'] } as const;
const opsRecompute = { ops: ['rule_admin'] } as const;

export async function reputationRoutes(app: App, ctx: AppContext, after: AfterScoresRecomputed) {
  registerRoutes(app, ['reputation'], reputationRouteTable(ctx, after));
}

function reputationRouteTable({ db, clock }: AppContext, after: AfterScoresRecomputed): AnyRouteSpec[] {
  const history = (url: string, access: typeof merchants | typeof opsReaders, who: string) =>
    route({
      method: 'GET',
      url,
      access,
      summary: `A shop's experience score per day, oldest first (${who})`,
      params: IdParams,
      querystring: HistoryQuery,
      response: { 200: HistorySchema },
      handler: async ({ principal, params, query }) =>
        readShopHistory(db, clock, principal, params.id, query.days ?? 30),
    });
  return [
    route({
      method: 'GET',
      url: '/shops/:id/reputation',
      access: merchants,
      summary:
        "The shop's experience score (商家体验分), its dimensions and metrics, and what pulled it down",
      description:
        'Product rules §7.1. `score` is null (band `not_enough_orders`) below `minCompletedOrders` completed orders in the window. `inputs` shows the facts used and the after-sales requests left out (high-refund buyers, freight abuse). 404 for a shop the caller does not staff.',
      params: IdParams,
      response: { 200: ReputationSchema },
      handler: async ({ principal, params }) => readShopReputation(db, principal, params.id),
    }),
    history('/shops/:id/reputation/history', merchants, 'shop staff'),
    route({
      method: 'POST',
      url: '/shops/:id/reputation/recompute',
      access: merchants,
      summary: '重新计算: recompute the shop’s score now (an empty body)',
      description:
        'Once per `reputation.recomputeCooldownMinutes`; sooner answers 429 `rate_limited` with `details.retryAt`.',
      params: IdParams,
      body: EmptyBody,
      response: { 200: ReputationSchema },
      handler: async ({ principal, params }) => recomputeShop(db, clock, principal, params.id, after),
    }),
    route({
      method: 'GET',
      url: '/ops/reputation/shops',
      access: opsReaders,
      summary: 'Shops by experience score, filtered by band',
      querystring: ShopScoresQuery,
      response: { 200: ShopScoresPage },
      handler: async ({ query }) => {
        const page = await listShopScores(db, {
          band: query.band,
          sort: query.sort ?? 'score_desc',
          limit: query.limit ?? 20,
          offset: query.offset ?? 0,
        });
        return { ...page, items: await withShopNames(db, page.items) };
      },
    }),
    route({
      method: 'GET',
      url: '/ops/reputation/shops/:id',
      access: opsReaders,
      summary: "One shop's experience score in full (ops)",
      params: IdParams,
      response: { 200: ReputationSchema },
      handler: async ({ principal, params }) => readShopReputation(db, principal, params.id),
    }),
    history('/ops/reputation/shops/:id/history', opsReaders, 'ops'),
    route({
      method: 'POST',
      url: '/ops/reputation/shops/:id/recompute',
      access: opsRecompute,
      summary: "Recompute one shop's score now (ops, an empty body, no cooldown)",
      params: IdParams,
      body: EmptyBody,
      response: { 200: ReputationSchema },
      handler: async ({ principal, params }) => recomputeShop(db, clock, principal, params.id, after),
    }),
  ];
}
