import type { ColumnType, Generated } from 'kysely';

export type LiveCommentState = 'visible' | 'hidden';
/** flagged: held back until ops review it; hidden: never shown to others. */
export type ContentState = 'visible' | 'hidden' | 'flagged';
export type ReviewReportState = 'open' | 'upheld' | 'dismissed';
export type ReviewReportReason = 'extortion' | 'fake_experience' | 'competitor' | 'abusive' | 'other';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface LiveCommentsTable {
  id: Generated<number>;
  sessionId: number;
  userId: number;
  text: string;
  state: ColumnType<LiveCommentState, LiveCommentState | undefined>;
  hiddenReason: ColumnType<string | null, string | null | undefined>;
  decisionId: ColumnType<number | null, number | null | undefined>;
  createdAt: CreatedAt;
}

export interface ReviewsTable {
  id: Generated<number>;
  orderId: number;
  orderLineId: number;
  productId: number;
  shopId: number;
  buyerId: number;
  rating: number;
  text: string;
  evidenceFileIds: ColumnType<number[], number[] | undefined>;
  state: ColumnType<ContentState, ContentState | undefined>;
  hiddenReason: ColumnType<string | null, string | null | undefined>;
  decisionId: ColumnType<number | null, number | null | undefined>;
  createdAt: CreatedAt;
}

export interface ReviewReportsTable {
  id: Generated<number>;
  reviewId: number;
  shopId: number;
  reporterId: number;
  reason: ReviewReportReason;
  text: string;
  evidenceFileIds: ColumnType<number[], number[] | undefined>;
  state: ColumnType<ReviewReportState, ReviewReportState | undefined>;
  decidedBy: ColumnType<number | null, number | null | undefined>;
  decidedAt: ColumnType<Date | null, Date | null | undefined>;
  decisionNote: ColumnType<string | null, string | null | undefined>;
  createdAt: CreatedAt;
}

export interface VideosTable {
  id: Generated<number>;
  authorId: number;
  shopId: number | null;
  productId: number | null;
  caption: string;
  videoUrl: string | null;
  state: ColumnType<ContentState, ContentState | undefined>;
  hiddenReason: ColumnType<string | null, string | null | undefined>;
  decisionId: ColumnType<number | null, number | null | undefined>;
  createdAt: CreatedAt;
}

/** A product's totals over its visible reviews, kept by a trigger on reviews (0070). */
export interface ProductRatingsTable {
  productId: number;
  shopId: number;
  reviews: number;
  stars: ColumnType<string | number, number, number>;
  good: number;
}

/** A shop's totals over its visible reviews, kept by a trigger on reviews (0070). */
export interface ShopRatingsTable {
  shopId: number;
  reviews: number;
  stars: ColumnType<string | number, number, number>;
  good: number;
}

export interface ContentTables {
  productRatings: ProductRatingsTable;
  shopRatings: ShopRatingsTable;
  liveComments: LiveCommentsTable;
  reviews: ReviewsTable;
  reviewReports: ReviewReportsTable;
  videos: VideosTable;
}
