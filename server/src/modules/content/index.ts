export { contentRoutes } from './content.routes.ts';
export type { ContentState, ContentTables } from './content.tables.ts';
export { reviewRating, sessionOfComment } from './content-facts.ts';
export {
  allowAllContent,
  type ContentGate,
  type ContentSubmission,
  type ContentSurface,
  type ContentVerdict,
} from './content-gate.ts';
export { type ReviewFeedback, reviewFeed } from './feedback-feed.ts';
export { LIVE_COMMENTS_CHANNEL, type LiveCommentView, liveCommentFeed } from './live-comments.service.ts';
export { reviewsOfOrders } from './order-reviews.ts';
export { productVideoCounts } from './product-video-counts.ts';
export { GOOD_RATING, NEGATIVE_RATING, type Rating, ratingOf } from './rating.rule.ts';
export {
  productRatingSql,
  type RatingSql,
  ratingsOf,
  reviewFactsByShop,
  type ShopReviewFacts,
  shopRatingSql,
} from './ratings.service.ts';
export { hideReportedContent } from './reported-content.ts';
export { reviewedLineIds } from './reviewed-lines.ts';
export {
  type ContentPlace,
  SCREENED_SUBJECTS,
  type ScreenedContent,
  type ScreenedSubject,
  screenedContent,
} from './screened-content.service.ts';
export { resolveScreenedContent } from './screened-write.ts';
