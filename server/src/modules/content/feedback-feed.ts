import type { Executor } from '../../platform/db.ts';

/** A review as the voice of the user reads it (product rules §8.4). */
export interface ReviewFeedback {
  id: number;
  shopId: number;
  buyerId: number;
  orderId: number;
  orderLineId: number;
  productId: number;
  rating: number;
  text: string;
  createdAt: Date;
}

/**
 * Reviews after `afterId` written up to `until`, oldest first, at most `limit`: the voice of the user's incremental feed.
 * Every review counts, whatever screening later decides (hidden text is still feedback to ops).
 */
export function reviewFeed(
  db: Executor,
  input: { afterId: number; until: Date; limit: number },
): Promise<ReviewFeedback[]> {
  return db
    .selectFrom('reviews')
    .select(['id', 'shopId', 'buyerId', 'orderId', 'orderLineId', 'productId', 'rating', 'text', 'createdAt'])
    .where('id', '>', input.afterId)
    .where('createdAt', '<=', input.until)
    .orderBy('id')
    .limit(input.limit)
    .execute();
}
