import { type Expression, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { listingCompletenessSql } from '../catalog/index.ts';
import { productRatingSql } from '../content/index.ts';
import { trafficLimitedSql } from '../governance/index.ts';
import { newMerchantBoostSql } from '../growth/index.ts';
import { unitsSoldSince } from '../orders/index.ts';
import {
  shopQualityRefundRateSql,
  shopRepeat30Sql,
  shopScoreBandSql,
  shopScoreSql,
} from '../reputation/index.ts';
import { shopCreatedAtOf } from '../shops/index.ts';
import { trustBadgeSql } from '../standing/index.ts';
import type { ProductSignals, ShopSignals } from './rank.rule.ts';

// The inputs of a rank, read through their owners' exports (product rules §7.4): experience score and
// quality-refund rate (reputation), the trust badge (standing), the repeat index (orders), traffic
// limit (governance), the shop's age (shops) or its 新商启航 traffic boost (growth), ratings (content), sales (orders), completeness (catalog).

const DAY_MS = 86_400_000;

export interface ShopSignalRow extends ShopSignals {
  shopId: number;
  band: string;
}

/** Each given shop's trust signals now, one query. */
export async function shopSignals(
  db: Executor,
  shopIds: readonly number[],
  now: Date,
  newMerchantDays: number,
): Promise<ShopSignalRow[]> {
  if (shopIds.length === 0) return [];
  const ref = sql.ref('ids.id');
  const id = ref as Expression<number>;
  const result = await sql<ShopSignalRow>`
    select ids.id as "shopId",
      ${shopScoreSql(ref)} as score,
      ${shopScoreBandSql(ref)} as band,
      ${trustBadgeSql(id)} as badge,
      ${shopQualityRefundRateSql(ref)} as "qualityRefundBp",
      ${shopRepeat30Sql(ref)} as "repeatBp",
      ${trafficLimitedSql(id)} as "trafficLimited",
      (coalesce(${shopCreatedAtOf(id)} > ${new Date(now.getTime() - newMerchantDays * DAY_MS)}, false)
        or ${newMerchantBoostSql(id, now)} > 0) as "newMerchant"
    from unnest(${shopIds}::bigint[]) as ids (id)`.execute(db);
  return result.rows.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }));
}

export interface ProductSignalRow extends ProductSignals {
  productId: number;
}

/** Each given product's quality signals now: sales in 30 days, rating, completeness. */
export async function productSignals(
  db: Executor,
  productIds: readonly number[],
  now: Date,
): Promise<ProductSignalRow[]> {
  if (productIds.length === 0) return [];
  const id = sql.ref('ids.id') as Expression<number>;
  const rating = productRatingSql(id);
  const [rows, sold] = await Promise.all([
    sql<Omit<ProductSignalRow, 'recentUnits'>>`
      select ids.id as "productId", ${rating.average} as rating, ${rating.reviews}::int as "ratingCount",
        coalesce(${listingCompletenessSql(id)}, 0) as "completenessBp"
      from unnest(${productIds}::bigint[]) as ids (id)`.execute(db),
    unitsSoldSince(db, new Date(now.getTime() - 30 * DAY_MS), productIds),
  ]);
  return rows.rows.map((r) => ({
    ...r,
    rating: r.rating === null ? null : Number(r.rating),
    recentUnits: sold.get(r.productId) ?? 0,
  }));
}
