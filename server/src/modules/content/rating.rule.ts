/**
 * product rules §7.3: a rating is read from a subject's visible reviews. The average is shown to one
 * decimal, rounded half up; the good-rating rate is the share of reviews with 4 or 5 stars, in basis
 * points rounded half up. No reviews: no average and no rate.
 */
export interface RatingTotals {
  reviews: number;
  stars: number;
  good: number;
}

export interface Rating {
  reviews: number;
  /** Stars, one decimal (4.7), or null without reviews. */
  average: number | null;
  /** Share of good ratings (≥ 4 stars) in basis points, or null without reviews. */
  goodRateBp: number | null;
}

/** A review of this many stars is a good rating. */
export const GOOD_RATING = 4;
/** A review of at most this many stars is a negative rating (the experience score's input). */
export const NEGATIVE_RATING = 2;

export function ratingOf(totals: RatingTotals): Rating {
  const { reviews, stars, good } = totals;
  if (reviews <= 0) return { reviews: 0, average: null, goodRateBp: null };
  return {
    reviews,
    average: Math.floor((stars * 20 + reviews) / (2 * reviews)) / 10,
    goodRateBp: Math.floor((good * 20_000 + reviews) / (2 * reviews)),
  };
}
