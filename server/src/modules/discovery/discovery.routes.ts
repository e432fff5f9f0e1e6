import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { ReadCache } from '../../platform/read-cache.ts';
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
import type { Surface } from './discovery.tables.ts';
import { type ImpressionItem, ImpressionLog, type ServedList } from './impressions.ts';
import { liveRoomPage, rankAllRooms } from './live-ranking.service.ts';
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

// Ranked pages come from the read cache, each response with its own requestId (impressions and clicks
// are per response): a listed product's or shop's change invalidates the pages showing it at once
// (migration 0106), a session's change the live pages; ranks, sales and new matches are at most this old.
const SEARCH_TTL_MS = 5_000;
// the request id's place in a cached answer, replaced per response (a UUID's length and shape)
const REQUEST_ID_SLOT = '00000000-0000-4000-8000-000000000000';
const json = 'application/json; charset=utf-8';

function discoveryRouteTable({ db, clock, pubsub }: AppContext, impressions: ImpressionLog): AnyRouteSpec[] {
  const cache = new ReadCache(pubsub);
  /** A cached page answered with a fresh requestId, logged as an impression of its served list. */
  const answer = (reply: FastifyReply, cached: { body: string; list: ServedList }, userId: number | null) => {
    const requestId = randomUUID();
    impressions.log(cached.list, requestId, userId, clock.now());
    return reply.type(json).send(cached.body.replace(REQUEST_ID_SLOT, requestId));
  };
  /** What the cache keeps of a ranked page: its answer with a requestId slot, and the list it shows. */
  const servable = (
    reply: FastifyReply,
    page: { surface: Surface; configVersion: number },
    items: ImpressionItem[],
  ) => ({
    body: reply.serialize({ ...page, requestId: REQUEST_ID_SLOT }) as string,
    list: { surface: page.surface, configVersion: page.configVersion, items },
  });
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
  // a thousand rooms' engagement is read once for every buyer opening the list in that second. A
  // session going on or off air, or its pins, invalidates the ranking at once (tag family `live`).
  const roomsNow = () =>
    cache.get('discovery:rooms', 1_000, async () => {
      const w = await weights();
      return {
        value: await rankAllRooms(db, { now: clock.now(), weights: w.weights }),
        tags: ['live', 'ranks'],
      };
    });
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
      handler: async ({ principal, query }, reply) => {
        const { limit = 20, offset = 0, guarantees, ...rest } = query;
        if (
          rest.minPriceFen !== undefined &&
          rest.maxPriceFen !== undefined &&
          rest.maxPriceFen < rest.minPriceFen
        )
          throw invalidField('maxPriceFen', 'must not be below minPriceFen');
        const surface = rest.q?.trim() ? 'search' : rest.shopId !== undefined ? 'shop' : 'home';
        const cached = await cache.get(
          `discovery:products:${JSON.stringify(query)}`,
          SEARCH_TTL_MS,
          async () => {
            const page = await rankProducts(
              db,
              { ...rest, ...(guarantees ? { guarantees: guarantees.split(',') } : {}), limit, offset },
              { now: clock.now(), surface, ...(await weights()) },
            );
            const tags = new Set(page.items.flatMap((i) => [`product:${i.id}`, `shop:${i.shopId}`]));
            return {
              value: servable(
                reply,
                page,
                page.items.map((i) => ({ ...i, productId: i.id })),
              ),
              tags: [...tags, 'ranks'],
            };
          },
        );
        return answer(reply, cached, principal?.userId ?? null);
      },
    }),
    route({
      method: 'GET',
      url: '/discovery/live',
      access: 'public',
      summary: 'Live rooms on air, ranked by viewers, likes and sales × the shop’s trust × demotion × boosts',
      querystring: LiveQuerySchema,
      response: { 200: RankedRoomPage },
      handler: async ({ principal, query }, reply) => {
        const limit = query.limit ?? 20;
        const offset = query.offset ?? 0;
        // one page per ranking: cached no longer than the ranking it was cut from
        const cached = await cache.get(`discovery:live:${limit}:${offset}`, 1_000, async () => {
          const page = await liveRoomPage(db, await roomsNow(), { limit, offset }, await weights());
          return {
            value: servable(
              reply,
              page,
              page.items.map((i) => ({ ...i, liveSessionId: i.id, shopId: i.shop?.id ?? null })),
            ),
            tags: ['live', 'ranks'],
          };
        });
        return answer(reply, cached, principal?.userId ?? null);
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
      reads: 'replica',
      querystring: ReportQuery,
      response: { 200: ReportSchema, 400: errorBodySchema },
      handler: async ({ query, readDb }) => {
        const from = new Date(query.from);
        const to = new Date(query.to);
        if (!(to > from)) throw invalidField('to', 'must be after from');
        return {
          from,
          to,
          conversionHours: CONVERSION_HOURS,
          rows: await rankingReport(readDb ?? db, from, to),
        };
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
