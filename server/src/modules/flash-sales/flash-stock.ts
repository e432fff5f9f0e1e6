import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';

// Checkout's side of flash sales. A take locks the sale row first (its conditional update), then the
// buyer's row: every buyer row of a sale is only ever locked under that sale's row lock, and sales are
// visited in id order, so concurrent checkouts (each a batch of many buyers) cannot deadlock. A take the
// buyer's limit refuses gives its units back to the sale while still holding its lock: nobody sees them.

/** A sale that sells now: what checkout prices a line with. */
export interface ActiveFlashSale {
  flashSaleId: number;
  skuId: number;
  priceFen: number;
  perBuyerLimit: number;
  stockCap: number;
  sold: number;
  endsAt: Date;
  liveSessionId: number | null;
}

export interface FlashTake {
  flashSaleId: number;
  buyerId: number;
  quantity: number;
}

/** Why a take was refused (the checkout error code), or that it was taken. */
export type FlashTakeOutcome = 'taken' | 'flash_sale_sold_out' | 'flash_sale_limit';

/** The running sale of each SKU (at most one per SKU), by SKU id; SKUs with none are absent. */
export async function activeFlashSales(
  db: Executor,
  skuIds: number[],
  now: Date,
): Promise<Map<number, ActiveFlashSale>> {
  if (skuIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('flashSales')
    .select([
      'id as flashSaleId',
      'skuId',
      'priceFen',
      'perBuyerLimit',
      'stockCap',
      'sold',
      'endsAt',
      'liveSessionId',
    ])
    .where(sql<boolean>`sku_id = any(${skuIds}::bigint[])`)
    .where('state', '=', 'running')
    .where('startsAt', '<=', now)
    .where('endsAt', '>', now)
    .execute();
  return new Map(rows.map((r) => [r.skuId, r]));
}

/**
 * Takes flash units for each take atomically (cap and per-buyer limit, running and within the window).
 * One boolean per take, in order; a refused take takes nothing.
 */
export async function takeFlashStock(tx: Tx, takes: FlashTake[], now: Date): Promise<boolean[]> {
  return (await takeFlashStockOutcomes(tx, takes, now)).map((o) => o === 'taken');
}

/** `takeFlashStock` with the reason of each refusal (sold out or not running; over the buyer's limit). */
export async function takeFlashStockOutcomes(
  tx: Tx,
  takes: FlashTake[],
  now: Date,
): Promise<FlashTakeOutcome[]> {
  const outcomes: FlashTakeOutcome[] = takes.map(() => 'flash_sale_sold_out');
  const order = takes
    .map((take, index) => ({ take, index }))
    .sort((a, b) => a.take.flashSaleId - b.take.flashSaleId || a.take.buyerId - b.take.buyerId);
  for (const { take, index } of order) {
    const { flashSaleId, buyerId, quantity } = take;
    if (!Number.isSafeInteger(quantity) || quantity < 1) continue;
    const sale = await sql<{ perBuyerLimit: number }>`
      update flash_sales set sold = sold + ${quantity}, updated_at = ${now}
      where id = ${flashSaleId} and state = 'running' and starts_at <= ${now} and ends_at > ${now}
        and sold + ${quantity} <= stock_cap
      returning per_buyer_limit`.execute(tx);
    const limit = sale.rows[0]?.perBuyerLimit;
    if (limit === undefined) continue;
    const buyer = await sql<{ quantity: number }>`
      insert into flash_sale_buyers as b (flash_sale_id, buyer_id, quantity)
      select ${flashSaleId}, ${buyerId}, ${quantity} where ${quantity}::int <= ${limit}::int
      on conflict (flash_sale_id, buyer_id)
        do update set quantity = b.quantity + excluded.quantity
        where b.quantity + excluded.quantity <= ${limit}::int
      returning quantity`.execute(tx);
    if (buyer.rows.length > 0) {
      outcomes[index] = 'taken';
      continue;
    }
    // Over the buyer's limit: undo the units taken above (the sale row is still ours until commit).
    await sql`update flash_sales set sold = sold - ${quantity} where id = ${flashSaleId}`.execute(tx);
    outcomes[index] = 'flash_sale_limit';
  }
  return outcomes;
}

/**
 * Gives units back (an unpaid order cancelled): to the sale's stock, and to the buyer's limit. Whatever
 * the sale's state now; never below zero.
 */
export async function returnFlashStock(tx: Tx, gives: FlashTake[]): Promise<void> {
  const order = [...gives].sort((a, b) => a.flashSaleId - b.flashSaleId || a.buyerId - b.buyerId);
  for (const { flashSaleId, buyerId, quantity } of order) {
    if (!Number.isSafeInteger(quantity) || quantity < 1) continue;
    await sql`update flash_sales set sold = greatest(sold - ${quantity}, 0) where id = ${flashSaleId}`.execute(
      tx,
    );
    await sql`
      update flash_sale_buyers set quantity = greatest(quantity - ${quantity}, 0)
      where flash_sale_id = ${flashSaleId} and buyer_id = ${buyerId}`.execute(tx);
  }
}
