import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, invalidField } from '../../platform/errors.ts';
import { getProductSummaries } from '../catalog/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { sessionNotFound, wrongState } from './live.errors.ts';
import { loadHostedSession } from './live.service.ts';
import { publishLiveChange } from './live-events.publish.ts';
import { currentViewers } from './live-presence.ts';
import { getSessionRow } from './live-read.service.ts';

/** The featured product (讲解中) as the room's card shows it. */
export interface FeaturedProduct {
  productId: number;
  title: string;
  imageUrl: string | null;
  /** The lowest SKU price (the card's "¥ from"). */
  priceFen: number;
  totalStock: number;
  featuredAt: Date;
}

/** Orders and GMV of a session come from the orders module, above live: the composition root fills this port. */
export type LiveSalesReader = (
  db: Executor,
  sessionId: number,
) => Promise<{ orders: number; gmvFen: number }>;

export interface LiveRoomStats {
  /** Viewers now, over every server process. */
  viewers: number;
  peakViewers: number;
  uniqueViewers: number;
  watchSeconds: number;
  likes: number;
  /** Paid orders and their amount placed in the room; null when the sales port is not wired. */
  orders: number | null;
  gmvFen: number | null;
  /** The product presented now (讲解中), or null: the host's console shows it without the viewers' stream. */
  featuredProductId: number | null;
}

/** Likes of a live room: adds `count` (1–50, a burst of taps) and answers the total. */
export async function addLikes(db: Executor, sessionId: number, count: number): Promise<number> {
  const row = await db
    .updateTable('liveSessions')
    .set({ likes: sql<number>`likes + ${count}` })
    .where('id', '=', sessionId)
    .where('state', '=', 'live')
    .returning('likes')
    .executeTakeFirst();
  if (row) return Number(row.likes);
  const session = await getSessionRow(db, sessionId);
  throw wrongState(sessionId, session.state, 'liking', ['live']);
}

/** The card of the room's featured product, or null. */
export async function featuredOf(db: Executor, sessionId: number): Promise<FeaturedProduct | null> {
  const row = await db
    .selectFrom('liveSessions')
    .select(['featuredProductId', 'featuredAt'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!row?.featuredProductId || !row.featuredAt) return null;
  const [product] = await getProductSummaries(db, [row.featuredProductId]);
  if (!product) return null;
  return {
    productId: product.id,
    title: product.title,
    imageUrl: product.imageUrl,
    priceFen: product.minPriceFen,
    totalStock: product.totalStock,
    featuredAt: row.featuredAt,
  };
}

/**
 * 讲解中: the host (or the shop's staff) features one of the products pinned in the live session, or
 * clears it (null). Every viewer gets the card as a `featured` event.
 */
export async function setFeatured(
  db: Executor,
  clock: Clock,
  principal: Principal,
  sessionId: number,
  productId: number | null,
): Promise<FeaturedProduct | null> {
  await db.transaction().execute(async (tx) => {
    const session = await loadHostedSession(tx, principal, sessionId);
    if (session.state !== 'live') throw wrongState(sessionId, session.state, 'featuring', ['live']);
    if (productId !== null) {
      const pin = await tx
        .selectFrom('livePins')
        .select('id')
        .where('sessionId', '=', sessionId)
        .where('productId', '=', productId)
        .where('unpinnedAt', 'is', null)
        .executeTakeFirst();
      if (!pin) throw invalidField('productId', 'not pinned in this session: pin it first');
    }
    await tx
      .updateTable('liveSessions')
      .set({ featuredProductId: productId, featuredAt: productId === null ? null : clock.now() })
      .where('id', '=', sessionId)
      .execute();
    await publishLiveChange(tx, { sessionId, kind: 'featured' });
  });
  return featuredOf(db, sessionId);
}

/** An unpinned product stops being featured (in the unpinning transaction). */
export async function unfeatureIfFeatured(tx: Tx, sessionId: number, productId: number): Promise<void> {
  const result = await tx
    .updateTable('liveSessions')
    .set({ featuredProductId: null, featuredAt: null })
    .where('id', '=', sessionId)
    .where('featuredProductId', '=', productId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) await publishLiveChange(tx, { sessionId, kind: 'featured' });
}

/** The room's figures for its host: viewers now, peak, unique viewers, watch time, likes (and sales). */
export async function roomStats(
  db: Executor,
  principal: Principal,
  sessionId: number,
  opts: { staleMs?: number; sales?: LiveSalesReader | undefined } = {},
): Promise<LiveRoomStats> {
  // The host check without the row lock loadHostedSession takes (likes update the row all the time).
  const hosted = await getSessionRow(db, sessionId);
  if (
    hosted.shopId === null
      ? hosted.hostUserId !== principal.userId
      : !(await isShopMember(db, principal, hosted.shopId))
  )
    throw sessionNotFound(sessionId);
  const [session, views, viewers, sales] = await Promise.all([
    db
      .selectFrom('liveSessions')
      .select(['likes', 'peakViewers', 'featuredProductId'])
      .where('id', '=', sessionId)
      .executeTakeFirst(),
    db
      .selectFrom('liveViews')
      .select([
        (eb) => eb.fn.count<number>('viewerKey').distinct().as('unique'),
        sql<number>`coalesce(sum(extract(epoch from coalesce(left_at, now()) - joined_at)), 0)`.as('seconds'),
      ])
      .where('sessionId', '=', sessionId)
      .executeTakeFirstOrThrow(),
    currentViewers(db, sessionId, opts.staleMs),
    opts.sales ? opts.sales(db, sessionId) : undefined,
  ]);
  if (!session) throw sessionNotFound(sessionId);
  return {
    viewers,
    peakViewers: Math.max(session.peakViewers, viewers),
    uniqueViewers: Number(views.unique),
    watchSeconds: Math.floor(Number(views.seconds)),
    likes: Number(session.likes),
    orders: sales?.orders ?? null,
    gmvFen: sales?.gmvFen ?? null,
    featuredProductId: session.featuredProductId === null ? null : Number(session.featuredProductId),
  };
}

async function isShopMember(db: Executor, principal: Principal, shopId: number): Promise<boolean> {
  try {
    await requireShopMember(db, principal, shopId);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return false;
    throw err;
  }
}
