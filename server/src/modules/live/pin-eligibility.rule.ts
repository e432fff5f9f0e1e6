import type { ProductState } from '../catalog/index.ts';

/** Default cap on products pinned at once in one session; above it the 购物车 list stops being browsable. */
export const MAX_ACTIVE_PINS = 50;

export interface PinCandidate {
  shopId: number;
  state: ProductState;
  /** Commission the product's shop offers creators (分销); null when not offered. */
  creatorCommissionBp: number | null;
}

export type PinRefusal =
  | 'unknown_product'
  | 'not_listed'
  | 'other_shop'
  | 'commission_not_offered'
  | 'already_pinned'
  | 'pin_limit_reached';

export type PinDecision =
  | { ok: true; commissionBp: number }
  | { ok: false; refusal: PinRefusal; reason: string };

const refuse = (refusal: PinRefusal, reason: string): PinDecision => ({ ok: false, refusal, reason });

/**
 * May this product be pinned (挂车) in this session, and at which creator commission?
 * product rules §2: a shop's own room sells its own goods (no commission); a creator sells any shop's
 * listed goods that the shop offers for distribution (分销), at the rate the shop offers.
 */
export function decidePin(input: {
  /** The hosting shop, or null for a creator's room. */
  hostShopId: number | null;
  product: PinCandidate | undefined;
  alreadyPinned: boolean;
  activePins: number;
  maxActivePins?: number;
}): PinDecision {
  const { product } = input;
  if (!product) return refuse('unknown_product', 'no such product');
  if (product.state !== 'listed') return refuse('not_listed', `the product is ${product.state}, not listed`);
  let commissionBp: number;
  if (input.hostShopId !== null) {
    if (product.shopId !== input.hostShopId) {
      return refuse('other_shop', "a shop's live room pins only its own shop's products");
    }
    commissionBp = 0;
  } else {
    if (product.creatorCommissionBp === null) {
      return refuse('commission_not_offered', "the product's shop offers no creator commission");
    }
    commissionBp = product.creatorCommissionBp;
  }
  if (input.alreadyPinned) return refuse('already_pinned', 'the product is already pinned in this session');
  const max = input.maxActivePins ?? MAX_ACTIVE_PINS;
  if (input.activePins >= max) {
    return refuse('pin_limit_reached', `a session pins at most ${max} products at once`);
  }
  return { ok: true, commissionBp };
}
