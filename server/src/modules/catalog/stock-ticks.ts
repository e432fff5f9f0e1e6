import type { Executor } from '../../platform/db.ts';
import { busKind, notify } from '../../platform/pubsub.ts';

/**
 * Channel of SKU stock changes, in NATS mode only: `[skuId, productId, stock]` triples, published
 * after the commit of the transaction that changed them (checkout, cancellation, restock). Live
 * rooms show the stock of their pinned SKUs from these, without reading the database. Over NOTIFY
 * nothing is published (a NOTIFY at every checkout commit would serialise checkout's commits): live
 * rooms poll the stock of their pinned SKUs instead.
 */
export const SKU_STOCK_CHANNEL = 'sku_stock';

export type StockTick = [skuId: number, productId: number, stock: number];

/** Tells every process the new stock of the SKUs `db`'s transaction changed (NATS mode only). */
export async function publishStockTicks(
  db: Executor,
  rows: readonly { id: number; productId: number; stock: number }[],
): Promise<void> {
  if (rows.length === 0 || busKind(db) !== 'nats') return;
  const ticks: StockTick[] = rows.map((r) => [r.id, r.productId, r.stock]);
  await notify(db, SKU_STOCK_CHANNEL, JSON.stringify(ticks));
}

/** The ticks of a message; anything malformed is dropped. Pure. */
export function parseStockTicks(payload: string): StockTick[] {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (t): t is StockTick =>
      Array.isArray(t) && t.length === 3 && t.every((n) => typeof n === 'number' && Number.isSafeInteger(n)),
  );
}
