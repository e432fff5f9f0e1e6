import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { type ShopState, shopNameOf } from '../shops/index.ts';
import type { BadgeCondition, BadgeState } from './standing.tables.ts';

export interface BadgeEvent {
  id: number;
  shopId: number;
  kind: BadgeState;
  at: Date;
  score: number | null;
  listedProducts: number;
  coveredProducts: number;
  seriousViolations: number;
  shopState: ShopState;
  failedConditions: BadgeCondition[];
  shopName: string;
}

/** Badge grants and revocations, newest first, of one shop or of all. */
export async function badgeEventsOf(
  db: Executor,
  q: { shopId?: number; limit: number; offset: number },
): Promise<{ items: BadgeEvent[]; total: number; limit: number; offset: number }> {
  let base = db.selectFrom('trustBadgeEvents as e');
  if (q.shopId !== undefined) base = base.where('e.shopId', '=', q.shopId);
  const [items, total] = await Promise.all([
    base
      .select([
        'e.id',
        'e.shopId',
        'e.kind',
        'e.at',
        'e.score',
        'e.listedProducts',
        'e.coveredProducts',
        'e.seriousViolations',
        sql<ShopState>`e.shop_state`.as('shopState'),
        'e.failedConditions',
        shopNameOf(sql.ref('e.shop_id')).as('shopName'),
      ])
      .orderBy('e.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n, limit: q.limit, offset: q.offset };
}

/** Shops with a badge record (granted, or revoked after having one), most recently changed first. */
export async function listBadges(db: Executor, q: { state?: BadgeState; limit: number; offset: number }) {
  let base = db.selectFrom('trustBadges as b');
  if (q.state) base = base.where('b.state', '=', q.state);
  const [items, total] = await Promise.all([
    base
      .select([
        'b.shopId',
        shopNameOf(sql.ref('b.shop_id')).as('shopName'),
        'b.state',
        'b.changedAt',
        'b.failedConditions',
      ])
      .orderBy('b.changedAt', 'desc')
      .orderBy('b.shopId')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n, limit: q.limit, offset: q.offset };
}
