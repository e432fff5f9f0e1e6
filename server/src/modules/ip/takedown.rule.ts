import type { ProductState } from '../catalog/index.ts';
import type { ComplaintChannel } from './ip.tables.ts';

/**
 * The merchant may counter-notify until this long after the takedown: configuration key
 * `governance.counterNoticeWindowMs` (default 7 days, the industry default; platform rules give 3–15).
 */
export function counterNoticeDue(takenDownAt: Date, rules: { counterNoticeWindowMs: number }): Date {
  return new Date(takenDownAt.getTime() + rules.counterNoticeWindowMs);
}

/**
 * Fast channel (product rules §6): a holder certified for the product's brand is believed at once; every
 * other complaint (no certification, another brand, an unbranded product) waits for ops.
 */
export function complaintChannel(
  certifiedBrandIds: readonly number[],
  productBrandId: number | null,
): ComplaintChannel {
  return productBrandId !== null && certifiedBrandIds.includes(productBrandId) ? 'fast' : 'ops';
}

/**
 * Where a validated complaint sends the product: off sale if listed, refused if under review. A draft,
 * rejected, delisted or blocked product is not on sale and stays as it is.
 */
export function takedownTarget(state: ProductState): ProductState | null {
  if (state === 'listed') return 'delisted';
  if (state === 'in_review') return 'rejected';
  return null;
}

/**
 * An accepted counter-notice puts a product the complaint delisted back through listing review (the
 * listing checkpoint runs again) rather than straight on sale; any other state is left to the merchant.
 */
export function restoreTarget(state: ProductState): ProductState | null {
  return state === 'delisted' ? 'in_review' : null;
}
