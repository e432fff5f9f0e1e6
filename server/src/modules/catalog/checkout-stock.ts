import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { shopStateOf } from '../shops/index.ts';
import { publishStockTicks } from './stock-ticks.ts';

// Catalog's side of checkout: set-based statements that run once per checkout batch, whatever its
// size, with arrays bound as parameters (unnest), so a batch of 100 checkouts costs about as many
// round trips as a batch of one.

/** What checkout needs to know of a SKU to price a line and check it may be sold. */
export interface SkuSaleFacts {
  skuId: number;
  productId: number;
  shopId: number;
  title: string;
  spec: string;
  priceFen: number;
  purchaseLimit: number | null;
  productState: string;
  shopState: string;
  /** The category's platform commission. */
  platformCommissionBp: number;
  /** The category's default guarantees and the product's own, sorted, without repeats. */
  guarantees: string[];
  /** The product's freight template (null → the shop's default), the SKU's weight in grams. */
  freightTemplateId: number | null;
  weightGrams: number;
  /** A pre-sale product ships within this many days of payment (4–45); null → not a pre-sale. */
  presaleShipDays: number | null;
}

/** The sale facts of the given SKUs (one statement); SKUs that do not exist are absent. */
export async function skuSaleFacts(tx: Tx, skuIds: readonly number[]): Promise<Map<number, SkuSaleFacts>> {
  const result = await sql<SkuSaleFacts>`
    select s.id as sku_id, s.product_id, p.shop_id, p.title, s.spec, s.price_fen, s.purchase_limit,
           p.state as product_state, ${shopStateOf(sql.ref('p.shop_id'))} as shop_state,
           c.commission_bp as platform_commission_bp,
           p.freight_template_id, s.weight_grams, p.presale_ship_days,
           array(select distinct g from unnest(c.default_guarantees || p.guarantees) g order by g) as guarantees
    from skus s
    join products p on p.id = s.product_id
    join categories c on c.id = p.category_id
    where s.id = any(${skuIds}::bigint[])`.execute(tx);
  return new Map(result.rows.map((r) => [r.skuId, r]));
}

/**
 * Takes up to `wanted` units of each SKU from stock, as many as are left; returns what was taken.
 * Rows are locked in id order so concurrent batches cannot deadlock; the update itself can never
 * drive stock below zero (the check constraint would refuse it anyway).
 */
export async function takeStock(tx: Tx, wanted: ReadonlyMap<number, number>): Promise<Map<number, number>> {
  if (wanted.size === 0) return new Map();
  const ids = [...wanted.keys()];
  const result = await sql<{ id: number; granted: number; productId: number; stock: number }>`
    with v as (select * from unnest(${ids}::bigint[], ${ids.map((id) => wanted.get(id)!)}::int[]) as v(id, wanted)),
    l as (select s.id, s.stock, v.wanted from skus s join v on v.id = s.id order by s.id for update of s)
    update skus s set stock = s.stock - least(l.stock, l.wanted)
    from l where s.id = l.id and l.stock > 0
    returning s.id, least(l.stock, l.wanted)::int as granted, s.product_id, s.stock`.execute(tx);
  await publishStockTicks(tx, result.rows);
  return new Map(result.rows.map((r) => [r.id, r.granted]));
}

/** Puts units back on the shelf (what a batch took but could not use, a cancelled order's units). */
export async function returnStock(tx: Tx, units: ReadonlyMap<number, number>): Promise<void> {
  if (units.size === 0) return;
  const ids = [...units.keys()];
  const result = await sql<{ id: number; productId: number; stock: number }>`
    update skus s set stock = s.stock + v.q
    from unnest(${ids}::bigint[], ${ids.map((id) => units.get(id)!)}::int[]) as v(id, q)
    where s.id = v.id
    returning s.id, s.product_id, s.stock`.execute(tx);
  await publishStockTicks(tx, result.rows);
}
