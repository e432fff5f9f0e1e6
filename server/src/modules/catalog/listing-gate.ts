import type { Tx } from '../../platform/db.ts';

/**
 * The listing checkpoint (product rules §6): decides a product submitted for review. `allow` lists it at
 * once (machine review passed), `review` leaves it in review for ops, `block` rejects it with the
 * reason the merchant sees. The composition root (app.ts) passes the trust engine's.
 */
export type ListingGate = (
  tx: Tx,
  productId: number,
  now: Date,
) => Promise<{ outcome: 'allow' | 'review' | 'block'; reason: string | null }>;

/** Without a checkpoint every submission waits for a person. */
export const humanReviewOnly: ListingGate = async () => ({ outcome: 'review', reason: null });
