import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { getAnyProduct } from '../catalog/index.ts';
import { requireOwnFiles } from '../files/index.ts';
import { displayNameOf } from '../identity/index.ts';
import { orderFacts, orderLineOf } from '../orders/index.ts';
import type { ContentState } from './content.tables.ts';
import type { ContentGate } from './content-gate.ts';
import { screenNewContent } from './screened-write.ts';

export interface ReviewView {
  id: number;
  orderId: number;
  orderLineId: number;
  productId: number;
  rating: number;
  text: string;
  evidenceFileIds: number[];
  state: ContentState;
  hiddenReason: string | null;
  createdAt: Date;
}

export interface PublicReview {
  id: number;
  productId: number;
  rating: number;
  text: string;
  author: { displayName: string };
  createdAt: Date;
}

const reviewColumns = [
  'id',
  'orderId',
  'orderLineId',
  'productId',
  'rating',
  'text',
  'evidenceFileIds',
  'state',
  'hiddenReason',
  'createdAt',
] as const;

/** The buyer of a completed order reviews one of its lines, once (product rules §1: buyers review). */
/** pg reads bigint[] as strings (only scalar int8 has a parser). */
export function withNumericFileIds<T extends { evidenceFileIds: number[] }>(row: T): T {
  return { ...row, evidenceFileIds: row.evidenceFileIds.map(Number) };
}

export async function postReview(
  db: Executor,
  gate: ContentGate,
  clock: Clock,
  principal: Principal,
  orderId: number,
  input: { orderLineId: number; rating: number; text: string; evidenceFileIds?: number[] },
): Promise<ReviewView> {
  return db.transaction().execute(async (tx) => {
    const order = await orderFacts(tx, orderId);
    if (!order || order.buyerId !== principal.userId) throw notFound('order', orderId);
    if (order.state !== 'completed') {
      throw new AppError(
        'conflict',
        `order ${orderId} is ${order.state}: only a completed order is reviewed`,
        { state: order.state },
        { key: 'review_needs_completed_order' },
      );
    }
    const line = await orderLineOf(tx, orderId, input.orderLineId);
    if (!line) throw invalidField('orderLineId', `is not a line of order ${orderId}`);
    const evidenceFileIds = input.evidenceFileIds ?? [];
    await requireOwnFiles(tx, principal.userId, evidenceFileIds);
    const now = clock.now();
    const text = input.text.trim();
    const row = await tx
      .insertInto('reviews')
      .values({
        orderId,
        orderLineId: line.id,
        productId: line.productId,
        shopId: order.shopId,
        buyerId: principal.userId,
        rating: input.rating,
        text,
        evidenceFileIds,
        createdAt: now,
      })
      .onConflict((oc) => oc.column('orderLineId').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      throw new AppError(
        'already_exists',
        `order line ${line.id} is already reviewed`,
        { field: 'orderLineId' },
        { key: 'line_reviewed' },
      );
    }
    await screenNewContent(
      tx,
      gate,
      { table: 'reviews', id: row.id, surface: 'review', subjectType: 'review' },
      { text, authorId: principal.userId, now },
      'flagged',
    );
    return withNumericFileIds(
      await tx.selectFrom('reviews').select(reviewColumns).where('id', '=', row.id).executeTakeFirstOrThrow(),
    );
  });
}

/** A buyer's own reviews, whatever their state (a held review shows as hidden or flagged). */
export async function listMyReviews(
  db: Executor,
  principal: Principal,
  page: { limit: number; offset: number },
): Promise<{ items: ReviewView[]; total: number; limit: number; offset: number }> {
  const [items, count] = await Promise.all([
    db
      .selectFrom('reviews')
      .select(reviewColumns)
      .where('buyerId', '=', principal.userId)
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('reviews')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('buyerId', '=', principal.userId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(withNumericFileIds), total: Number(count.n), ...page };
}

/** Visible reviews of a product, newest first (public). */
export async function listProductReviews(
  db: Executor,
  productId: number,
  page: { limit: number; offset: number },
): Promise<{ items: PublicReview[]; total: number; limit: number; offset: number }> {
  await getAnyProduct(db, productId);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('reviews as r')
      .select(['r.id', 'r.productId', 'r.rating', 'r.text', 'r.createdAt'])
      .select(displayNameOf(sql.ref<number>('r.buyerId')).as('displayName'))
      .where('r.productId', '=', productId)
      .where('r.state', '=', 'visible')
      .orderBy('r.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('reviews')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('productId', '=', productId)
      .where('state', '=', 'visible')
      .executeTakeFirstOrThrow(),
  ]);
  const items = rows.map(({ displayName, ...r }) => ({ ...r, author: { displayName } }));
  return { items, total: Number(count.n), ...page };
}
