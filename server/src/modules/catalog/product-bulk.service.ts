import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { requireShopMember } from '../shops/index.ts';
import type { ProductState } from './catalog.tables.ts';
import type { ListingGate } from './listing-gate.ts';
import { delistProduct, submitForReview } from './product-state.service.ts';

export interface BulkResult {
  productId: number;
  ok: boolean;
  state: ProductState | null;
  error: { code: string; message: string; details?: unknown } | null;
}

/**
 * Lists (sends to review) or delists many products of a shop, each on its own: one refused (another
 * shop's, a state that does not allow it, the probation limit reached) does not stop the others, and
 * each answers its outcome.
 */
export async function bulkChangeState(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: { action: 'list' | 'delist'; productIds: readonly number[] },
  clock: Clock,
  gate: ListingGate,
): Promise<{ results: BulkResult[] }> {
  await requireShopMember(db, principal, shopId);
  const results: BulkResult[] = [];
  // One after another, in the order given: the probation limit counts each listing before the next.
  for (const productId of input.productIds) {
    try {
      const product =
        input.action === 'list'
          ? await submitForReview(db, principal, shopId, productId, clock, gate)
          : await delistProduct(db, principal, shopId, productId, undefined, clock);
      results.push({ productId, ok: true, state: product.state, error: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const current = await db
        .selectFrom('products')
        .select('state')
        .where('id', '=', productId)
        .where('shopId', '=', shopId)
        .executeTakeFirst();
      results.push({
        productId,
        ok: false,
        state: current?.state ?? null,
        error: { code: err.code, message: err.message, details: err.details },
      });
    }
  }
  return { results };
}
