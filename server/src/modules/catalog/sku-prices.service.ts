import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction, type Tx } from '../../platform/db.ts';
import { requireShopMember } from '../shops/index.ts';
import { invalidFields } from './catalog.errors.ts';
import {
  lowestPriceBefore,
  originalPriceProblem,
  originalPriceRatio,
  originalPriceReason,
  type PricePoint,
} from './original-price.rule.ts';
import type { BulkPricesInput } from './product.schema.ts';
import { stateAfterEdit } from './product-edit.rule.ts';
import type { FieldProblem } from './review-readiness.rule.ts';

/**
 * The price history of each SKU, oldest first. A SKU written without one (before history was kept, or
 * by a seed) has had its price since it was created.
 */
export async function priceHistories(
  db: Executor,
  skuIds: readonly number[],
): Promise<Map<number, PricePoint[]>> {
  const histories = new Map<number, PricePoint[]>();
  if (skuIds.length === 0) return histories;
  const rows = await db
    .selectFrom('skus as k')
    .leftJoin('skuPrices as h', 'h.skuId', 'k.id')
    .select(['k.id', 'k.priceFen', 'k.createdAt', 'h.priceFen as historyPriceFen', 'h.fromAt'])
    .where(sql<boolean>`k.id = any(${[...skuIds]}::bigint[])`)
    .orderBy('k.id')
    .orderBy('h.fromAt')
    .orderBy('h.id')
    .execute();
  for (const row of rows) {
    const history = histories.get(row.id) ?? [];
    histories.set(row.id, history);
    history.push(
      row.fromAt === null || row.historyPriceFen === null
        ? { priceFen: row.priceFen, from: row.createdAt }
        : { priceFen: row.historyPriceFen, from: row.fromAt },
    );
  }
  return histories;
}

/** Starts the history of new SKUs at their price (same transaction as their insert). */
export async function recordPrices(
  tx: Executor,
  prices: readonly { skuId: number; priceFen: number }[],
  at: Date,
): Promise<void> {
  if (prices.length === 0) return;
  await tx
    .insertInto('skuPrices')
    .values(prices.map((p) => ({ skuId: p.skuId, priceFen: p.priceFen, fromAt: at })))
    .execute();
}

/** Field problems of new SKUs' original prices: a new SKU has only its own price to show. */
export function newSkuClaimProblems(
  skus: readonly { priceFen: number; originalPriceFen?: number | null | undefined }[],
  at: Date,
  prefix: (i: number) => string,
): FieldProblem[] {
  return skus.flatMap((sku, i) => {
    const problem = originalPriceProblem(sku.originalPriceFen ?? null, sku.priceFen, [], at);
    return problem ? [{ field: `${prefix(i)}originalPriceFen`, reason: originalPriceReason(problem) }] : [];
  });
}

export interface PriceEdit {
  skuId: number;
  productId: number;
  priceFen?: number | undefined;
  /** undefined: keep; null: clear. */
  originalPriceFen?: number | null | undefined;
}

/**
 * Applies price and original-price edits of SKUs in one transaction: each SKU locked, each claimed
 * original price checked against its own history, a history row for each changed price. Any problem
 * refuses all (400 naming `<prefix>originalPriceFen`). Unknown SKUs (or of another product) answer
 * `null` in their place.
 */
export async function applyPriceEdits(
  tx: Tx,
  edits: readonly PriceEdit[],
  at: Date,
  prefix: (i: number) => string,
): Promise<({ id: number; priceFen: number; originalPriceFen: number | null } | null)[]> {
  const ids = edits.map((e) => e.skuId);
  const current = await tx
    .selectFrom('skus')
    .select(['id', 'productId', 'priceFen', 'originalPriceFen'])
    .where(sql<boolean>`id = any(${ids}::bigint[])`)
    .orderBy('id')
    .forUpdate()
    .execute();
  const byId = new Map(current.map((k) => [k.id, k]));
  const histories = await priceHistories(tx, ids);
  const problems: FieldProblem[] = [];
  const next = edits.map((edit, i) => {
    const sku = byId.get(edit.skuId);
    if (!sku || sku.productId !== edit.productId) return null;
    const priceFen = edit.priceFen ?? sku.priceFen;
    const originalPriceFen =
      edit.originalPriceFen === undefined ? sku.originalPriceFen : edit.originalPriceFen;
    // A claim is judged when it or the price it stands beside changes.
    if (priceFen !== sku.priceFen || originalPriceFen !== sku.originalPriceFen) {
      const problem = originalPriceProblem(originalPriceFen, priceFen, histories.get(sku.id) ?? [], at);
      if (problem)
        problems.push({ field: `${prefix(i)}originalPriceFen`, reason: originalPriceReason(problem) });
    }
    return { id: sku.id, priceFen, originalPriceFen, changed: priceFen !== sku.priceFen };
  });
  if (problems.length > 0) throw invalidFields(problems);
  for (const sku of next) {
    if (!sku) continue;
    await tx
      .updateTable('skus')
      .set({ priceFen: sku.priceFen, originalPriceFen: sku.originalPriceFen })
      .where('id', '=', sku.id)
      .execute();
  }
  await recordPrices(
    tx,
    next.flatMap((k) => (k?.changed ? [{ skuId: k.id, priceFen: k.priceFen }] : [])),
    at,
  );
  return next.map((k) =>
    k ? { id: k.id, priceFen: k.priceFen, originalPriceFen: k.originalPriceFen } : null,
  );
}

/**
 * Edits the prices and original prices of many SKUs of a shop's products at once (the product table):
 * all or nothing, each claim checked against its own price history.
 */
export async function bulkEditPrices(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: BulkPricesInput,
  clock: Clock,
): Promise<{ skus: { id: number; productId: number; priceFen: number; originalPriceFen: number | null }[] }> {
  await requireShopMember(db, principal, shopId);
  const productIds = [...new Set(input.skus.map((s) => s.productId))];
  return inTransaction(db, async (tx) => {
    const products = await tx
      .selectFrom('products')
      .select(['id', 'state'])
      .where('shopId', '=', shopId)
      .where('id', 'in', productIds)
      .execute();
    const states = new Map(products.map((p) => [p.id, p.state]));
    const problems: FieldProblem[] = input.skus.flatMap((s, i) => {
      const state = states.get(s.productId);
      if (state === undefined) return [{ field: `skus.${i}.productId`, reason: 'no such product' }];
      if (stateAfterEdit(state, false) === null)
        return [{ field: `skus.${i}.productId`, reason: `is ${state} and cannot be edited` }];
      return [];
    });
    if (problems.length > 0) throw invalidFields(problems);
    const seen = new Set<number>();
    input.skus.forEach((s, i) => {
      if (seen.has(s.skuId)) throw invalidFields([{ field: `skus.${i}.skuId`, reason: 'duplicate SKU' }]);
      seen.add(s.skuId);
    });
    const result = await applyPriceEdits(tx, input.skus, clock.now(), (i) => `skus.${i}.`);
    const missing = result.flatMap((r, i) =>
      r === null ? [{ field: `skus.${i}.skuId`, reason: 'no such SKU in this shop' }] : [],
    );
    if (missing.length > 0) throw invalidFields(missing);
    await tx.updateTable('products').set({ updatedAt: clock.now() }).where('id', 'in', productIds).execute();
    return {
      skus: result.map((r, i) => ({ ...r!, productId: input.skus[i]!.productId })),
    };
  });
}

/**
 * The listing checkpoint's `original_price_ratio` of a product: over its SKUs, the highest claimed
 * original price over the lowest price that SKU was offered at in the 7 days before its price took
 * effect; 0 when no SKU claims one.
 */
export async function originalPriceRatioOf(db: Executor, productId: number, at: Date): Promise<number> {
  const skus = await db
    .selectFrom('skus')
    .select(['id', 'priceFen', 'originalPriceFen'])
    .where('productId', '=', productId)
    .where('originalPriceFen', 'is not', null)
    .execute();
  if (skus.length === 0) return 0;
  const histories = await priceHistories(
    db,
    skus.map((k) => k.id),
  );
  return Math.max(
    ...skus.map((k) =>
      originalPriceRatio(k.originalPriceFen, lowestPriceBefore(histories.get(k.id) ?? [], k.priceFen, at)),
    ),
  );
}
