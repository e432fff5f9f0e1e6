import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { getProductSummaries } from '../catalog/index.ts';
import { displayNameOf } from '../identity/index.ts';
import { requireShopMember } from '../shops/index.ts';
import type { ReviewReportReason, ReviewReportState } from './content.tables.ts';

export interface ShopReview {
  id: number;
  productId: number;
  productTitle: string;
  orderId: number;
  rating: number;
  text: string;
  author: { displayName: string };
  createdAt: Date;
  /** The shop's latest report of this review, if it made one. */
  report: { id: number; reason: ReviewReportReason; state: ReviewReportState; createdAt: Date } | null;
}

/**
 * The visible reviews of the shop's products, newest first, each with the shop's latest report
 * (product rules §6: merchants report malicious reviews). Members only; another shop answers 404.
 */
export async function listShopReviews(
  db: Executor,
  principal: Principal,
  shopId: number,
  page: { limit: number; offset: number; maxRating?: number },
): Promise<{ items: ShopReview[]; total: number; limit: number; offset: number }> {
  await requireShopMember(db, principal, shopId);
  let base = db.selectFrom('reviews as r').where('r.shopId', '=', shopId).where('r.state', '=', 'visible');
  if (page.maxRating !== undefined) base = base.where('r.rating', '<=', page.maxRating);
  const [rows, count] = await Promise.all([
    base
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('reviewReports as p')
            .select(['p.id', 'p.reason', 'p.state', 'p.createdAt'])
            .whereRef('p.reviewId', '=', 'r.id')
            .where('p.shopId', '=', shopId)
            .orderBy('p.id', 'desc')
            .limit(1)
            .as('rep'),
        (join) => join.on(sql<boolean>`true`),
      )
      .select([
        'r.id',
        'r.productId',
        'r.orderId',
        'r.rating',
        'r.text',
        displayNameOf(sql.ref<number>('r.buyerId')).as('displayName'),
        'r.createdAt',
        'rep.id as reportId',
        'rep.reason as reportReason',
        'rep.state as reportState',
        'rep.createdAt as reportedAt',
      ])
      .orderBy('r.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const titles = new Map(
    (await getProductSummaries(db, [...new Set(rows.map((r) => r.productId))])).map((p) => [p.id, p.title]),
  );
  const items = rows.map(
    ({ displayName, reportId, reportReason, reportState, reportedAt, ...r }): ShopReview => ({
      ...r,
      productTitle: titles.get(r.productId) ?? '',
      author: { displayName },
      report:
        reportId !== null && reportReason !== null && reportState !== null && reportedAt !== null
          ? { id: reportId, reason: reportReason, state: reportState, createdAt: reportedAt }
          : null,
    }),
  );
  return { items, total: Number(count.n), limit: page.limit, offset: page.offset };
}
