import type { AppContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import {
  ClickBody,
  ClickResult,
  LiveQuerySchema,
  ProductQuerySchema,
  RankedProductPage,
  RankedRoomPage,
  RefreshResult,
  ReportQuery,
  ReportSchema,
} from './discovery.schema.ts';
import { ImpressionLog } from './impressions.ts';
import { liveRoomPage, type RankedRooms, rankAllRooms } from './live-ranking.service.ts';
import { rankProducts } from './product-ranking.service.ts';
import type { RankingWeights } from './rank.rule.ts';
import { refreshAllRanks } from './ranks.refresh.ts';
import { CONVERSION_HOURS, rankingReport, recordClick } from './report.service.ts';

const rankingReaders = { ops: ['rule_admin', 'arbiter', 'reviewer'] } as const;

/** Ranked search, home feed and live discovery; clicks; the ops report (product rules §7.4). */
export async function discoveryRoutes(app: App, ctx: AppContext, impressions?: ImpressionLog) {
  const log =
    impressions ?? new ImpressionLog(ctx.db, (err) => ctx.log.error({ err }, 'impression log failed'));
  // Impressions still queued are written before the database goes (app.close runs first).
  app.addHook('onClose', async () => log.drain());
  registerRoutes(app, ['discovery'], discoveryRouteTable(ctx, log));
}

function discoveryRouteTable({ db, clock }: AppContext, impressions: ImpressionLog): AnyRouteSpec[] {
  // The weights in force, read at most once a second per process: a new version applies within a
  // second, and a busy search does not pay a statement for it on every request.
  let cached: { at: number; value: Promise<{ configVersion: number; weights: RankingWeights }> } | undefined;
  const weights = () => {
    const now = Date.now();
    if (!cached || now - cached.at > 1_000) {
      const value = readCurrentConfig(db).then(({ version, config }) => ({
        configVersion: version,
        weights: config.ranking,
      }));
      value.catch(() => {
        cached = undefined;
      });
      cached = { at: now, value };
    }
    return cached.value;
  };
  // Live rooms are ranked once a second per process: viewers and likes move every second anyway, and
  // a thousand rooms' engagement is read once for every buyer opening the list in that second.
  let rooms: { at: number; value: Promise<RankedRooms> } | undefined;
  const roomsNow = () => {
    const now = Date.now();
    if (!rooms || now - rooms.at > 1_000) {
      const value = weights().then((w) => rankAllRooms(db, { now: clock.now(), weights: w.weights }));
      value.catch(() => {
        rooms = undefined;
      });
      rooms = { at: now, value };
    }
    return rooms.value;
  };
  return [
    route({
      method: 'GET',
      url: '/discovery/products',
      access: 'public',
      summary: 'Ranked products: search (q), the home feed (no q) or a shop’s products (shopId), with "why"',
      description:
        'Sort 综合 (relevance × quality × trust × demotion × boosts), 销量 (30-day sales) or 价格; filters: price range, ' +
        'category with its descendants, 信任购 shops only, guarantees. Every item carries rank.parts; every response is ' +
        'logged as impressions under requestId. 400 naming `maxPriceFen` when below `minPriceFen`.',
      querystring: ProductQuerySchema,
      response: { 200: RankedProductPage, 400: errorBodySchema },
      handler: async ({ principal, query }) => {
        const { limit = 20, offset = 0, guarantees, ...rest } = query;
        if (
          rest.minPriceFen !== undefined &&
          rest.maxPriceFen !== undefined &&
          rest.maxPriceFen < rest.minPriceFen
        )
          throw invalidField('maxPriceFen', 'must not be below minPriceFen');
        const surface = rest.q?.trim() ? 'search' : rest.shopId !== undefined ? 'shop' : 'home';
        const page = await rankProducts(
          db,
          { ...rest, ...(guarantees ? { guarantees: guarantees.split(',') } : {}), limit, offset },
          { now: clock.now(), surface, ...(await weights()) },
        );
        impressions.log(
          { ...page, items: page.items.map((i) => ({ ...i, productId: i.id })) },
          principal?.userId ?? null,
          clock.now(),
        );
        return page;
      },
    }),
    route({
      method: 'GET',
      url: '/discovery/live',
      access: 'public',
      summary: 'Live rooms on air, ranked by viewers, likes and sales × the shop’s trust × demotion × boosts',
      querystring: LiveQuerySchema,
      response: { 200: RankedRoomPage },
      handler: async ({ principal, query }) => {
        const page = await liveRoomPage(
          db,
          await roomsNow(),
          { limit: query.limit ?? 20, offset: query.offset ?? 0 },
          await weights(),
        );
        impressions.log(
          {
            ...page,
            items: page.items.map((i) => ({ ...i, liveSessionId: i.id, shopId: i.shop?.id ?? null })),
          },
          principal?.userId ?? null,
          clock.now(),
        );
        return page;
      },
    }),
    route({
      method: 'POST',
      url: '/discovery/clicks',
      access: 'public',
      summary:
        'A click on the item at `position` of a ranked response (signed in or not; repeated clicks count once)',
      body: ClickBody,
      response: { 200: ClickResult, 400: errorBodySchema },
      handler: async ({ principal, body }) => {
        await recordClick(db, { ...body, userId: principal?.userId ?? null, at: clock.now() });
        return { recorded: true as const };
      },
    }),
    route({
      method: 'GET',
      url: '/ops/discovery/report',
      access: rankingReaders,
      summary: 'Click-through and conversion per position and per signal bucket over a period',
      description: `A click converts when the same buyer orders the product within ${CONVERSION_HOURS} h. 400 naming \`to\` when not after \`from\`.`,
      querystring: ReportQuery,
      response: { 200: ReportSchema, 400: errorBodySchema },
      handler: async ({ query }) => {
        const from = new Date(query.from);
        const to = new Date(query.to);
        if (!(to > from)) throw invalidField('to', 'must be after from');
        return { from, to, conversionHours: CONVERSION_HOURS, rows: await rankingReport(db, from, to) };
      },
    }),
    route({
      method: 'POST',
      url: '/ops/discovery/ranks/refresh',
      access: { ops: ['rule_admin'] },
      summary: 'Recompute every product’s static rank now with the ranking weights in force (no body)',
      description: 'The periodic refresh does the same; ops use it after changing the weights.',
      response: { 200: RefreshResult },
      handler: async () => ({ ranked: await refreshAllRanks(db, clock.now()) }),
    }),
  ];
}
