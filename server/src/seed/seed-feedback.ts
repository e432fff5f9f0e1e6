import { sql } from 'kysely';
import type { Db } from '../platform/db.ts';
import { createRandom } from './random.ts';

const DAY = 86_400_000;
const SEED = 20_261_515;

const TEXTS: Record<number, readonly string[]> = {
  5: ['质量很好，和描述一致，会回购', '包装严实，发货很快，五星好评', '味道正宗，家里人都说好吃'],
  4: ['整体不错，物流稍慢', '东西挺好，性价比高', '和图片差不多，满意'],
  3: ['一般般，凑合能用', '包装有点简陋，东西还行'],
  2: ['有几个坏的，客服处理还算及时', '和描述有差距，不太满意'],
  1: ['收到就坏了，非常失望', '质量太差，申请了退款'],
};

/** An NPS score that goes with a review's stars (a buyer who rated 5 is likely a promoter). */
const NPS_FOR: Record<number, readonly number[]> = {
  5: [9, 10, 10, 9, 8],
  4: [8, 9, 7, 8, 10],
  3: [6, 7, 5, 8],
  2: [3, 5, 4, 6],
  1: [0, 2, 1, 3],
};

/**
 * Demo feedback (product rules §7.3) over the sales histories' completed orders: reviews with ratings
 * that follow how the order went (an order with a quality refund request is rated 1–2 stars, a late
 * one 3–5, the others mostly 4–5), so the demo shops' ratings and good-rating rates differ; NPS answers for about a third
 * of the orders of the last 90 days, the newest two left open for their buyers to answer. Direct
 * inserts (the ratings' totals follow by their trigger); deterministic. Runs before the scores are
 * recomputed, so the experience score reads the reviews too.
 */
export async function insertFeedback(db: Db, now: Date): Promise<{ reviews: number; npsAnswers: number }> {
  const random = createRandom(SEED);
  const lines = await sql<{
    orderId: number;
    orderLineId: number;
    productId: number;
    shopId: number;
    buyerId: number;
    completedAt: Date;
    troubled: boolean;
    late: boolean | null;
  }>`
    select o.id as order_id, l.id as order_line_id, l.product_id, o.shop_id, o.buyer_id, o.completed_at,
      exists (select 1 from aftersales_requests r where r.order_id = o.id
        and r.reason in ('spoiled', 'damaged', 'quality_issue', 'melted')) as troubled,
      o.shipped_at > o.ship_by_at as late
    from orders o
    join lateral (select id, product_id from order_lines where order_id = o.id order by id limit 1) l on true
    where o.state = 'completed' and o.completed_at <= ${now}
      and not exists (select 1 from reviews v where v.order_id = o.id)
    order by o.completed_at, o.id`.execute(db);
  const reviews: {
    orderId: number;
    orderLineId: number;
    productId: number;
    shopId: number;
    buyerId: number;
    rating: number;
    text: string;
    createdAt: Date;
  }[] = [];
  const ratingOf = new Map<number, number>();
  for (const line of lines.rows) {
    // A bad item is rated 1–2 stars; a late parcel costs a star; the rest are mostly 4–5.
    const rating = line.troubled
      ? random.pick([1, 1, 2, 2, 3])
      : line.late
        ? random.pick([3, 4, 4, 5])
        : random.pick([5, 5, 5, 5, 4, 4, 4, 3]);
    ratingOf.set(line.orderId, rating);
    if (!random.chance(0.65)) continue;
    reviews.push({
      orderId: line.orderId,
      orderLineId: line.orderLineId,
      productId: line.productId,
      shopId: line.shopId,
      buyerId: line.buyerId,
      rating,
      text: random.pick(TEXTS[rating]!),
      createdAt: new Date(
        Math.min(now.getTime(), line.completedAt.getTime() + random.int(1, 48) * 3_600_000),
      ),
    });
  }
  for (let i = 0; i < reviews.length; i += 500) {
    await db
      .insertInto('reviews')
      .values(reviews.slice(i, i + 500))
      .execute();
  }

  const recent = lines.rows.filter((l) => l.completedAt.getTime() > now.getTime() - 90 * DAY);
  const surveyed = recent.filter(() => random.chance(0.35));
  const open = new Set(surveyed.slice(-2).map((l) => l.orderId));
  const invitations = surveyed.map((l) => {
    const offeredAt = new Date(l.completedAt.getTime() + 3_600_000);
    const answered = !open.has(l.orderId);
    return {
      orderId: l.orderId,
      shopId: l.shopId,
      buyerId: l.buyerId,
      state: answered ? ('answered' as const) : ('offered' as const),
      configVersion: 1,
      offeredAt,
      expiresAt: answered ? new Date(offeredAt.getTime() + 14 * DAY) : new Date(now.getTime() + 14 * DAY),
      answeredAt: answered ? new Date(offeredAt.getTime() + random.int(1, 72) * 3_600_000) : null,
      score: answered ? random.pick(NPS_FOR[ratingOf.get(l.orderId) ?? 4]!) : null,
    };
  });
  // An answer never lands after now (a late-completed order's survey stays open instead).
  for (const inv of invitations) {
    if (inv.answeredAt && inv.answeredAt > now) Object.assign(inv, { answeredAt: now });
  }
  if (invitations.length > 0) await db.insertInto('npsInvitations').values(invitations).execute();
  // The sampling starts after the seeded surveys.
  await db
    .insertInto('npsSampling')
    .values({ id: 1, completedUntil: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ completedUntil: now }))
    .execute();
  return { reviews: reviews.length, npsAnswers: invitations.filter((i) => i.state === 'answered').length };
}
