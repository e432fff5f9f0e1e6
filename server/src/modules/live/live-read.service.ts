import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { followedTargets } from '../audience/index.ts';
import { getProductSummaries, type ProductState } from '../catalog/index.ts';
import { displayNames } from '../identity/index.ts';
import { listShopsOf, shopNames } from '../shops/index.ts';
import { sessionNotFound } from './live.errors.ts';
import type { LiveState } from './live.tables.ts';

export const sessionColumns = [
  'id',
  'hostUserId',
  'shopId',
  'title',
  'state',
  'scheduledAt',
  'startedAt',
  'endedAt',
  'endReason',
  'streamUrl',
] as const;

export interface LiveSessionRow {
  id: number;
  hostUserId: number;
  shopId: number | null;
  title: string;
  state: LiveState;
  scheduledAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  streamUrl: string | null;
}

export interface LiveSessionView extends Omit<LiveSessionRow, 'hostUserId' | 'shopId'> {
  host: { userId: number; displayName: string };
  shop: { id: number; name: string } | null;
  pinnedCount: number;
}

export interface PinnedProductView {
  productId: number;
  title: string;
  imageUrl: string | null;
  minPriceFen: number;
  /** The 划线价 of the cheapest SKU (product rules §6.3); null: none. */
  originalPriceFen: number | null;
  totalStock: number;
  commissionBp: number;
  productState: ProductState;
  pinnedAt: Date;
}

export interface LivePage {
  items: LiveSessionView[];
  total: number;
  limit: number;
  offset: number;
}

/** Rows → cards: host and shop names come from their modules, one query each for the whole page. */
export async function toViews(db: Executor, rows: readonly LiveSessionRow[]): Promise<LiveSessionView[]> {
  if (rows.length === 0) return [];
  const hostIds = [...new Set(rows.map((r) => r.hostUserId))];
  const shopIds = [...new Set(rows.flatMap((r) => (r.shopId === null ? [] : [r.shopId])))];
  const [hosts, shops, counts] = await Promise.all([
    displayNames(db, hostIds),
    shopNames(db, shopIds),
    db
      .selectFrom('livePins')
      .select(['sessionId', (eb) => eb.fn.countAll<number>().as('n')])
      .where(
        'sessionId',
        'in',
        rows.map((r) => r.id),
      )
      .where('unpinnedAt', 'is', null)
      .groupBy('sessionId')
      .execute(),
  ]);
  const pinned = new Map(counts.map((c) => [c.sessionId, Number(c.n)]));
  return rows.map(({ hostUserId, shopId, ...session }) => ({
    ...session,
    host: { userId: hostUserId, displayName: hosts.get(hostUserId)! },
    shop: shopId === null ? null : { id: shopId, name: shops.get(shopId)! },
    pinnedCount: pinned.get(session.id) ?? 0,
  }));
}

export async function getSessionRow(db: Executor, sessionId: number): Promise<LiveSessionRow> {
  const row = await db
    .selectFrom('liveSessions')
    .select(sessionColumns)
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!row) throw sessionNotFound(sessionId);
  return row;
}

export async function getSessionView(db: Executor, sessionId: number): Promise<LiveSessionView> {
  const [view] = await toViews(db, [await getSessionRow(db, sessionId)]);
  return view!;
}

/** Buyers: sessions on air now (latest start first) or upcoming (soonest first). */
export async function listPublicSessions(
  db: Executor,
  query: { state: 'live' | 'scheduled'; limit: number; offset: number },
): Promise<LivePage> {
  const base = db.selectFrom('liveSessions').where('state', '=', query.state);
  const ordered =
    query.state === 'live'
      ? base.orderBy('startedAt', 'desc').orderBy('id', 'desc')
      : base.orderBy('scheduledAt', 'asc').orderBy('id', 'asc');
  const [rows, total] = await Promise.all([
    ordered.select(sessionColumns).limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await toViews(db, rows), total: Number(total.n), limit: query.limit, offset: query.offset };
}

/** The sessions on air now of the hosts and shops `userId` follows, latest start first. */
export async function listFollowingLive(db: Executor, userId: number): Promise<{ items: LiveSessionView[] }> {
  const { shopIds, hostIds } = await followedTargets(db, userId);
  if (shopIds.length === 0 && hostIds.length === 0) return { items: [] };
  const rows = await db
    .selectFrom('liveSessions')
    .select(sessionColumns)
    .where('state', '=', 'live')
    .where((eb) =>
      eb.or([
        ...(shopIds.length > 0 ? [eb('shopId', 'in', shopIds)] : []),
        ...(hostIds.length > 0 ? [eb('hostUserId', 'in', hostIds)] : []),
      ]),
    )
    .orderBy('startedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return { items: await toViews(db, rows) };
}

/** Hosts: a creator's own sessions, or every session of the merchant's shops; newest first. */
export async function listMySessions(
  db: Executor,
  principal: Principal,
  query: { state?: LiveState; limit: number; offset: number },
): Promise<LivePage> {
  const shopIds =
    principal.kind === 'merchant' ? (await listShopsOf(db, principal.userId)).map((s) => s.id) : [];
  if (principal.kind === 'merchant' && shopIds.length === 0) {
    return { items: [], total: 0, limit: query.limit, offset: query.offset };
  }
  let base = db.selectFrom('liveSessions');
  base =
    principal.kind === 'merchant'
      ? base.where('shopId', 'in', shopIds)
      : base.where('hostUserId', '=', principal.userId).where('shopId', 'is', null);
  if (query.state) base = base.where('state', '=', query.state);
  const [rows, total] = await Promise.all([
    base.select(sessionColumns).orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await toViews(db, rows), total: Number(total.n), limit: query.limit, offset: query.offset };
}

/** The products pinned in a session now, in pin order, as buyers see them. */
export async function listPins(db: Executor, sessionId: number): Promise<PinnedProductView[]> {
  const pins = await db
    .selectFrom('livePins')
    .select(['productId', 'commissionBp', 'pinnedAt'])
    .where('sessionId', '=', sessionId)
    .where('unpinnedAt', 'is', null)
    .orderBy('id')
    .execute();
  const products = new Map(
    (
      await getProductSummaries(
        db,
        pins.map((p) => p.productId),
      )
    ).map((p) => [p.id, p]),
  );
  return pins.map((pin) => {
    const product = products.get(pin.productId)!;
    return {
      productId: pin.productId,
      title: product.title,
      imageUrl: product.imageUrl,
      minPriceFen: product.minPriceFen,
      originalPriceFen: product.originalPriceFen,
      totalStock: product.totalStock,
      commissionBp: pin.commissionBp,
      productState: product.state,
      pinnedAt: pin.pinnedAt,
    };
  });
}

export async function getSessionDetail(
  db: Executor,
  sessionId: number,
): Promise<LiveSessionView & { pins: PinnedProductView[] }> {
  const [view, pins] = await Promise.all([getSessionView(db, sessionId), listPins(db, sessionId)]);
  return { ...view, pins };
}

export interface LiveAttribution {
  sessionId: number;
  hostUserId: number;
  /** The hosting shop, or null for a creator's own room. */
  hostShopId: number | null;
  /** Creator commission recorded when the product was pinned (0 in a shop's own room). */
  commissionBp: number;
}

/**
 * product rules §2: an order placed from a live session carries its attribution. Answers only while the
 * session is live and the product is pinned in it; otherwise undefined (no attribution).
 */
export async function getLiveAttribution(
  db: Executor,
  sessionId: number,
  productId: number,
): Promise<LiveAttribution | undefined> {
  return db
    .selectFrom('liveSessions as s')
    .innerJoin('livePins as p', 'p.sessionId', 's.id')
    .select(['s.id as sessionId', 's.hostUserId', 's.shopId as hostShopId', 'p.commissionBp'])
    .where('s.id', '=', sessionId)
    .where('s.state', '=', 'live')
    .where('p.productId', '=', productId)
    .where('p.unpinnedAt', 'is', null)
    .executeTakeFirst();
}
