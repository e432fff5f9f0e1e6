import type { CareConfig } from '../configuration/index.ts';
import type { Finding } from './finding.ts';

export interface RefusedReviewFacts {
  /** The order's refused requests (the merchant's rejection or an arbitration against the buyer). */
  refusals: readonly { requestId: number; by: 'merchant' | 'arbitration'; refusedAt: Date }[];
  /** The order's reviews by its buyer. */
  reviews: readonly { id: number; rating: number; createdAt: Date }[];
}

/**
 * product rules §8.6 (b): a refund refused, then a bad review (at most `badReviewMaxStars`) of the same
 * order written after the refusal. It happened when the first such review was written; the refusal
 * named is the latest one before it.
 */
export function refusedThenBadReview(
  facts: RefusedReviewFacts,
  config: Pick<CareConfig, 'badReviewMaxStars'>,
): Finding | null {
  const reviews = [...facts.reviews].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const review of reviews) {
    if (review.rating > config.badReviewMaxStars) continue;
    const before = facts.refusals
      .filter((r) => r.refusedAt <= review.createdAt)
      .sort((a, b) => b.refusedAt.getTime() - a.refusedAt.getTime());
    const refusal = before[0];
    if (!refusal) continue;
    return {
      rule: 'refused_then_bad_review',
      happenedAt: review.createdAt,
      facts: {
        requestId: refusal.requestId,
        refusedBy: refusal.by,
        refusedAt: refusal.refusedAt.toISOString(),
        reviewId: review.id,
        rating: review.rating,
        reviewedAt: review.createdAt.toISOString(),
      },
    };
  }
  return null;
}
