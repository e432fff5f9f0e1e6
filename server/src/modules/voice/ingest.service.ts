import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import { complaintFeed, requestFeed } from '../aftersales/index.ts';
import { buyerMessageFeed } from '../chat/index.ts';
import { currentPolicy } from '../configuration/index.ts';
import { reviewFeed } from '../content/index.ts';
import { linesOfOrders } from '../orders/index.ts';
import { reasonTopics } from './reason-topics.ts';
import { classifyTopics, TOPICS } from './topic-classifier.rule.ts';
import type { FeedbackSource, Topic } from './voice.tables.ts';

export const SOURCES = [
  'review',
  'chat',
  'aftersales',
  'complaint',
] as const satisfies readonly FeedbackSource[];

/** A source record in one shape, before it is tied to its order line and classified. */
interface Raw {
  id: number;
  shopId: number;
  buyerId: number;
  orderId: number | null;
  orderLineId: number | null;
  productId: number | null;
  text: string;
  reason: string | null;
  rating: number | null;
  createdAt: Date;
}

type FeedInput = { afterId: number; until: Date; limit: number };

/** Each source's feed through its owner's index.ts, in one shape. */
const FEEDS: Record<FeedbackSource, (db: Executor, input: FeedInput) => Promise<Raw[]>> = {
  review: async (db, input) => (await reviewFeed(db, input)).map((r) => ({ ...r, reason: null })),
  chat: async (db, input) =>
    (await buyerMessageFeed(db, input)).map((m) => ({ ...m, orderLineId: null, reason: null, rating: null })),
  aftersales: async (db, input) =>
    (await requestFeed(db, input)).map((r) => ({ ...r, productId: null, rating: null })),
  complaint: async (db, input) =>
    (await complaintFeed(db, input)).map((r) => ({ ...r, productId: null, rating: null })),
};

/** Records read per statement; a run reads at most `MAX_BATCHES` of them per source (the rest next run). */
const BATCH = 2_000;
const MAX_BATCHES = 25;
/** Records younger than this wait for the next run: a slower transaction's lower id is not skipped. */
export const SETTLE_MS = 60_000;

/** The topics of a record: its reason's (after-sales) and its text's. */
export function topicsOf(raw: { text: string; reason: string | null }): Topic[] {
  const found = new Set<Topic>([...reasonTopics(raw.reason), ...classifyTopics(raw.text).topics]);
  return TOPICS.filter((t) => found.has(t));
}

/** The local calendar date of `at`, `offsetMinutes` east of UTC. */
export function localDay(at: Date, offsetMinutes: number): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

export interface IngestCounts {
  read: number;
  topical: number;
}

/**
 * Reads what each source wrote since its cursor (product rules §8.4), classifies it and stores the
 * pieces that name a topic with their shop, product, SKU and local day; the cursor moves in the same
 * transaction, and a record stored twice is ignored (unique on source and id), so a run is idempotent
 * and a crash loses nothing. Set-based: one read per batch per source, one insert per batch.
 */
export async function ingestFeedback(tx: Tx, now: Date): Promise<Record<FeedbackSource, IngestCounts>> {
  const { policy } = await currentPolicy(tx);
  const until = new Date(now.getTime() - SETTLE_MS);
  const result = {} as Record<FeedbackSource, IngestCounts>;
  for (const source of SOURCES) {
    await tx
      .insertInto('voiceCursors')
      .values({ source, updatedAt: now })
      .onConflict((oc) => oc.column('source').doNothing())
      .execute();
    const cursor = await tx
      .selectFrom('voiceCursors')
      .select(['lastId'])
      .where('source', '=', source)
      .forUpdate()
      .executeTakeFirstOrThrow();
    let afterId = cursor.lastId;
    const counts = { read: 0, topical: 0 };
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const raws = await FEEDS[source](tx, { afterId, until, limit: BATCH });
      if (raws.length === 0) break;
      counts.topical += await store(tx, source, raws, policy.timezoneOffsetMinutes);
      counts.read += raws.length;
      afterId = raws[raws.length - 1]!.id;
      if (raws.length < BATCH) break;
    }
    await tx
      .updateTable('voiceCursors')
      .set({
        lastId: afterId,
        readCount: sql`read_count + ${counts.read}`,
        topical: sql`topical + ${counts.topical}`,
        updatedAt: now,
      })
      .where('source', '=', source)
      .execute();
    result[source] = counts;
  }
  return result;
}

/** Ties a batch to its order lines (product, SKU, item as bought), classifies it and stores the topical. */
async function store(tx: Tx, source: FeedbackSource, raws: Raw[], offsetMinutes: number): Promise<number> {
  const orderIds = [...new Set(raws.flatMap((r) => (r.orderId === null ? [] : [r.orderId])))];
  const lines = await linesOfOrders(tx, orderIds);
  const linesOf = new Map<number, typeof lines>();
  for (const line of lines) linesOf.set(line.orderId, [...(linesOf.get(line.orderId) ?? []), line]);

  const rows = raws.flatMap((raw) => {
    const topics = topicsOf(raw);
    if (topics.length === 0) return [];
    const ofOrder = raw.orderId === null ? [] : (linesOf.get(raw.orderId) ?? []);
    // The line named, else the order's line of the product named, else the order's first line.
    const line =
      ofOrder.find((l) => l.id === raw.orderLineId) ??
      ofOrder.find((l) => l.productId === raw.productId) ??
      ofOrder[0];
    return [
      {
        source,
        sourceId: raw.id,
        shopId: raw.shopId,
        orderId: raw.orderId,
        productId: line?.productId ?? raw.productId,
        skuId: line?.skuId ?? null,
        item: line ? [line.title, line.spec].filter(Boolean).join(' ') : null,
        buyerId: raw.buyerId,
        text: raw.text,
        reason: raw.reason,
        rating: raw.rating,
        topics,
        day: localDay(raw.createdAt, offsetMinutes),
        at: raw.createdAt,
      },
    ];
  });
  if (rows.length === 0) return 0;
  const written = await tx
    .insertInto('voiceFeedback')
    .values(rows)
    .onConflict((oc) => oc.columns(['source', 'sourceId']).doNothing())
    .executeTakeFirst();
  return Number(written.numInsertedOrUpdatedRows ?? 0);
}
