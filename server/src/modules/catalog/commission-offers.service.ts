import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { shopIsSelling, shopNameOf } from '../shops/index.ts';
import { containsPattern } from './product-query.service.ts';

/** A listed product whose shop offers creators a commission for selling it in their rooms (分销). */
export interface CommissionOffer {
  id: number;
  shopId: number;
  shopName: string;
  title: string;
  imageUrl: string | null;
  creatorCommissionBp: number;
  minPriceFen: number;
  totalStock: number;
}

const productShopId = sql.ref<number>('p.shopId');

/**
 * What a creator may pin (product rules §2: a creator sells other shops' goods for a commission): listed
 * products of selling shops that offer a creator commission, highest commission first.
 */
export async function listCommissionOffers(
  db: Executor,
  query: { q?: string; limit: number; offset: number },
): Promise<{ items: CommissionOffer[]; total: number; limit: number; offset: number }> {
  let base = db
    .selectFrom('products as p')
    .where('p.state', '=', 'listed')
    .where(shopIsSelling(productShopId))
    .where('p.creatorCommissionBp', 'is not', null);
  const keyword = query.q?.trim();
  if (keyword) base = base.where(sql<boolean>`p.title ilike ${containsPattern(keyword)} escape '\\'`);
  const [rows, count] = await Promise.all([
    base
      .select([
        'p.id',
        'p.shopId',
        shopNameOf(productShopId).as('shopName'),
        'p.title',
        'p.imageUrl',
        'p.creatorCommissionBp',
        sql<number>`coalesce((select min(k.price_fen) from skus k where k.product_id = p.id), 0)`.as(
          'minPriceFen',
        ),
        sql<number>`coalesce((select sum(k.stock) from skus k where k.product_id = p.id), 0)::int`.as(
          'totalStock',
        ),
      ])
      .orderBy('p.creatorCommissionBp', 'desc')
      .orderBy('p.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({ ...r, creatorCommissionBp: r.creatorCommissionBp ?? 0 }));
  return { items, total: count.total, limit: query.limit, offset: query.offset };
}
