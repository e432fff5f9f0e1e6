import { sql } from 'kysely';
import type { Principal } from '../../../platform/access.ts';
import type { Executor } from '../../../platform/db.ts';
import { currentPolicy } from '../../configuration/index.ts';
import { getShop, requireShopMember } from '../../shops/index.ts';
import type { RequestState, RequestType } from '../aftersales.tables.ts';
import { isQualityReason } from '../reasons.ts';
import { type QualityRefundOrder, qualityRefundRate } from './quality-refund-rate.rule.ts';
import { ratioBp } from './ratio.ts';
import { REFUND_TYPES, requestProduct } from './refund-requests.ts';

const D = 24 * 3_600_000;
/** The per-product list is the shop's best sellers of the window. */
const TOP_PRODUCTS = 50;

export type MetricsWindowDays = 7 | 30 | 90;

export interface RefundFigures {
  /** Orders paid in the window. */
  paidOrders: number;
  /** Refund requests on those orders (a line asked again after a rejection counts once). */
  refundRequests: number;
  /** Of those, no-quality returns of products flagged for freight abuse: left out of the refund rate. */
  excludedFreightAbuseReturns: number;
  /** (refundRequests − excludedFreightAbuseReturns) / paidOrders. */
  refundRateBp: number;
  /** 品退率: orders delivered within 14 days of payment, less those handled under a guarantee. */
  eligibleOrders: number;
  /** Of those, orders whose first refund within 14 days of payment cites quality. */
  qualityRefunds: number;
  qualityRefundRateBp: number;
}

export interface ProductRefundFigures extends RefundFigures {
  productId: number;
  title: string;
  /** Flagged for freight abuse (薅运费) at the last detection. */
  freightAbuse: boolean;
}

export interface RefundMetrics {
  shopId: number;
  windowDays: MetricsWindowDays;
  from: Date;
  to: Date;
  /** The after-sales policy version whose windows were used. */
  configVersion: number;
  shop: RefundFigures;
  /** The products with the most paid orders in the window (at most 50), or the one asked for. */
  products: ProductRefundFigures[];
}

interface RefundRequestRow {
  orderId: number;
  orderLineId: number | null;
  productId: number;
  type: RequestType;
  reason: string;
  state: RequestState;
  createdAt: Date;
}

/**
 * A shop's refund and quality-refund figures over the orders paid in the last `windowDays` (DOMAIN.md
 * §5), for the shop and per product. Orders still inside their 14 days count as they stand: delivered
 * and refunded so far. No-quality returns of freight-abuse products leave the refund rate. Per product,
 * an order's first refund is its first refund about that product.
 */
export async function qualityRefundMetrics(
  db: Executor,
  input: { shopId: number; productId?: number; windowDays: MetricsWindowDays; now: Date },
): Promise<RefundMetrics> {
  const { shopId, now } = input;
  const from = new Date(now.getTime() - input.windowDays * D);
  const { version, policy } = await currentPolicy(db);

  const lines = await db
    .selectFrom('orders as o')
    .innerJoin('orderLines as l', 'l.orderId', 'o.id')
    .select(['o.id as orderId', 'o.paidAt', 'o.deliveredAt', 'l.productId', 'l.title'])
    .where('o.shopId', '=', shopId)
    .where('o.paidAt', '>', from)
    .where('o.paidAt', '<=', now)
    .execute();
  const requests = await sql<RefundRequestRow>`
    select r.order_id, r.order_line_id, ${requestProduct('r')} as product_id, r.type, r.reason, r.state, r.created_at
    from aftersales_requests r
    join orders o on o.id = r.order_id
    where r.shop_id = ${shopId} and r.created_at > ${from} and r.type = any(${REFUND_TYPES}::text[])
      and o.paid_at > ${from} and o.paid_at <= ${now}
    order by r.created_at, r.id`.execute(db);

  const orders = new Map<number, { paidAt: Date; deliveredAt: Date | null }>();
  const products = new Map<number, { title: string; orderIds: Set<number> }>();
  for (const line of lines) {
    orders.set(line.orderId, { paidAt: line.paidAt!, deliveredAt: line.deliveredAt });
    const product = products.get(line.productId) ?? { title: line.title, orderIds: new Set<number>() };
    product.orderIds.add(line.orderId);
    products.set(line.productId, product);
  }
  const flagged = await freightAbuseFlags(db, [...products.keys()]);

  // Requests arrive oldest first: the first one kept per line is the line's request, the first per
  // order (and per order and product) is the order's first refund.
  const seenLines = new Set<string>();
  const firstOfOrder = new Map<number, RefundRequestRow>();
  const firstOfOrderProduct = new Map<string, RefundRequestRow>();
  const shopCounts = { requests: 0, excluded: 0 };
  const productCounts = new Map<number, { requests: number; excluded: number }>();
  for (const request of requests.rows) {
    const lineKey = `${request.orderId}:${request.orderLineId ?? 'order'}`;
    if (seenLines.has(lineKey)) continue;
    seenLines.add(lineKey);
    if (!firstOfOrder.has(request.orderId)) firstOfOrder.set(request.orderId, request);
    const orderProduct = `${request.orderId}:${request.productId}`;
    if (!firstOfOrderProduct.has(orderProduct)) firstOfOrderProduct.set(orderProduct, request);
    const excluded =
      flagged.has(request.productId) && request.type === 'return_refund' && !isQualityReason(request.reason);
    const counts = productCounts.get(request.productId) ?? { requests: 0, excluded: 0 };
    for (const c of [shopCounts, counts]) {
      c.requests += 1;
      if (excluded) c.excluded += 1;
    }
    productCounts.set(request.productId, counts);
  }

  const figures = (
    paidOrders: number,
    counts: { requests: number; excluded: number },
    qualityOrders: QualityRefundOrder[],
  ): RefundFigures => {
    const quality = qualityRefundRate(qualityOrders, policy);
    return {
      paidOrders,
      refundRequests: counts.requests,
      excludedFreightAbuseReturns: counts.excluded,
      refundRateBp: ratioBp(counts.requests - counts.excluded, paidOrders),
      eligibleOrders: quality.eligible,
      qualityRefunds: quality.qualityRefunds,
      qualityRefundRateBp: quality.rateBp,
    };
  };
  const asQualityOrder = (orderId: number, first: RefundRequestRow | undefined): QualityRefundOrder => {
    const order = orders.get(orderId)!;
    return {
      paidAt: order.paidAt,
      deliveredAt: order.deliveredAt,
      firstRefund: first
        ? {
            at: first.createdAt,
            reason: first.reason,
            handledUnderGuarantee:
              first.type === 'guarantee_claim' && (first.state === 'refunded' || first.state === 'resolved'),
          }
        : null,
    };
  };

  const shop = figures(
    orders.size,
    shopCounts,
    [...orders.keys()].map((id) => asQualityOrder(id, firstOfOrder.get(id))),
  );
  const chosen = [...products.entries()]
    .filter(([productId]) => input.productId === undefined || productId === input.productId)
    .sort(([idA, a], [idB, b]) => b.orderIds.size - a.orderIds.size || idA - idB)
    .slice(0, TOP_PRODUCTS);
  return {
    shopId,
    windowDays: input.windowDays,
    from,
    to: now,
    configVersion: version,
    shop,
    products: chosen.map(([productId, product]) => ({
      productId,
      title: product.title,
      freightAbuse: flagged.has(productId),
      ...figures(
        product.orderIds.size,
        productCounts.get(productId) ?? { requests: 0, excluded: 0 },
        [...product.orderIds].map((id) => asQualityOrder(id, firstOfOrderProduct.get(`${id}:${productId}`))),
      ),
    })),
  };
}

/** The merchant's view: members of the shop only; another shop answers 404. */
export async function shopRefundMetrics(
  db: Executor,
  principal: Principal,
  input: { shopId: number; productId?: number; windowDays: MetricsWindowDays; now: Date },
): Promise<RefundMetrics> {
  await requireShopMember(db, principal, input.shopId);
  return qualityRefundMetrics(db, input);
}

/** The ops view of any shop; an unknown shop answers 404. */
export async function opsRefundMetrics(
  db: Executor,
  input: { shopId: number; productId?: number; windowDays: MetricsWindowDays; now: Date },
): Promise<RefundMetrics> {
  await getShop(db, input.shopId);
  return qualityRefundMetrics(db, input);
}

async function freightAbuseFlags(db: Executor, productIds: number[]): Promise<Set<number>> {
  if (productIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('freightAbuseProducts')
    .select('productId')
    .where(sql<boolean>`product_id = any(${productIds}::bigint[])`)
    .execute();
  return new Set(rows.map((r) => r.productId));
}
