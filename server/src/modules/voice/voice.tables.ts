import type { ColumnType, Generated } from 'kysely';

/** Where a piece of feedback came from (product rules §8.4). */
export type FeedbackSource = 'review' | 'chat' | 'aftersales' | 'complaint';
/** What the feedback complains about; a text can name several. */
export type Topic = 'quality' | 'logistics' | 'service' | 'description_mismatch' | 'price';

export interface VoiceCursorsTable {
  source: FeedbackSource;
  lastId: ColumnType<number, number | undefined>;
  readCount: ColumnType<number, number | undefined>;
  topical: ColumnType<number, number | undefined>;
  updatedAt: Date;
}

export interface VoiceFeedbackTable {
  id: Generated<number>;
  source: FeedbackSource;
  sourceId: number;
  shopId: number;
  orderId: number | null;
  productId: number | null;
  skuId: number | null;
  item: string | null;
  buyerId: number | null;
  text: string;
  reason: string | null;
  rating: number | null;
  topics: Topic[];
  /** The local day, YYYY-MM-DD (date columns are read as strings). */
  day: ColumnType<string, string, string>;
  at: Date;
}

export interface VoiceTables {
  voiceCursors: VoiceCursorsTable;
  voiceFeedback: VoiceFeedbackTable;
}
