/** `risk.reviewShareAlert` (product rules §6.2), as the settings hold it. */
export interface ReviewShareAlert {
  /** A rule is flagged above this share of its checkpoint's decisions sent to review (basis points). */
  shareBp: number;
  /** No flag before the checkpoint decided this many times in the window. */
  minDecisions: number;
  windowMs: number;
}

export interface RuleReviewShare {
  ruleId: string;
  /** The checkpoint's live decisions in the window (every rule's denominator). */
  decisions: number;
  /** Of those, the ones this rule sent to review. */
  reviews: number;
  /** reviews ÷ decisions; null before any decision. */
  share: number | null;
  flagged: boolean;
}

/**
 * A rule sends too much to review when, over the window, more than `shareBp` of its checkpoint's
 * decisions went to review because of it, and the checkpoint decided at least `minDecisions` times
 * (a handful of decisions proves nothing). Exactly at the share is not flagged.
 */
export function reviewShareOf(
  ruleId: string,
  counts: { decisions: number; reviews: number },
  alert: Pick<ReviewShareAlert, 'shareBp' | 'minDecisions'>,
): RuleReviewShare {
  const { decisions, reviews } = counts;
  return {
    ruleId,
    decisions,
    reviews,
    share: decisions === 0 ? null : reviews / decisions,
    flagged: decisions >= alert.minDecisions && reviews * 10_000 > alert.shareBp * decisions,
  };
}
