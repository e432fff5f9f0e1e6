import { sql } from 'kysely';
import type { Principal } from '../../../platform/access.ts';
import type { Executor } from '../../../platform/db.ts';
import { currentPolicy } from '../../configuration/index.ts';
import { orderIdsPaidBetween, paidLinesOfShop } from '../../orders/index.ts';
import { getShop, requireShopMember } from '../../shops/index.ts';
import type { RequestState, RequestType } from '../aftersales.tables.ts';
import { type Exclusion, requestExclusion } from './merchant-metric-scope.ts';
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
  /**
   * Of those, requests of buyers labelled high-refund (product rules §7.6): left out of the refund rate
   * and of the quality-refund rate (their orders still count as orders).
   */
  excludedHighRefundRequests: number;
  /** (refundRequests − excludedFreightAbuseReturns − excludedHighRefundRequests) / paidOrders. */
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
  /** Why the merchant-metric scope leaves it out, or null (product rules §7.6). */
  excluded: Exclusion | null;
}

interface OrderDates {
  paidAt: Date;
  deliveredAt: Date | null;
}

/** What every figure is computed from: the shop's orders paid in a window and their refund requests. */
interface RefundData {
  policy: Parameters<typeof qualityRefundRate>[1];
  configVersion: number;
  lines: {
    orderId: number;
    paidAt: Date | null;
    deliveredAt: Date | null;
    productId: number;
    title: string;
  }[];
  orders: Map<number, OrderDates>;
  /** Oldest first. */
  requests: RefundRequestRow[];
  flagged: Set<number>;
}

/** Orders paid in (from, to] and the refund requests on them, asked after `from`. */
async function loadRefundData(db: Executor, shopId: number, from: Date, to: Date): Promise<RefundData> {
  const { version, policy } = await currentPolicy(db);
  const lines = await paidLinesOfShop(db, { shopId, from, to });
  const requests = await sql<RefundRequestRow>`
    select r.order_id, r.order_line_id, ${requestProduct('r')} as product_id, r.type, r.reason, r.state, r.created_at,
      ${requestExclusion('r')} as excluded
    from aftersales_requests r
    where r.shop_id = ${shopId} and r.created_at > ${from} and r.type = any(${REFUND_TYPES}::text[])
      and r.order_id in (${orderIdsPaidBetween({ shopId, from, to })})
    order by r.created_at, r.id`.execute(db);
  const orders = new Map<number, OrderDates>();
  for (const line of lines) orders.set(line.orderId, { paidAt: line.paidAt!, deliveredAt: line.deliveredAt });
  const flagged = await freightAbuseFlags(db, [...new Set(lines.map((l) => l.productId))]);
  return { policy, configVersion: version, lines, orders, requests: requests.rows, flagged };
}

interface Counts {
  requests: number;
  excluded: number;
  highRefund: number;
}
const NO_COUNTS: Counts = { requests: 0, excluded: 0, highRefund: 0 };

/** Counts a line's request: every one is a request; the scope says which leave the rates. */
function count(counts: Counts, request: RefundRequestRow) {
  counts.requests += 1;
  if (request.excluded === 'freight_abuse') counts.excluded += 1;
  if (request.excluded === 'high_refund') counts.highRefund += 1;
}

function figuresOf(
  data: RefundData,
  paidOrders: number,
  counts: Counts,
  qualityOrders: QualityRefundOrder[],
): RefundFigures {
  const quality = qualityRefundRate(qualityOrders, data.policy);
  return {
    paidOrders,
    refundRequests: counts.requests,
    excludedFreightAbuseReturns: counts.excluded,
    excludedHighRefundRequests: counts.highRefund,
    refundRateBp: ratioBp(counts.requests - counts.excluded - counts.highRefund, paidOrders),
    eligibleOrders: quality.eligible,
    qualityRefunds: quality.qualityRefunds,
    qualityRefundRateBp: quality.rateBp,
  };
}

function asQualityOrder(order: OrderDates, first: RefundRequestRow | undefined): QualityRefundOrder {
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
}

/**
 * Shop-level figures over the orders of `data` that `keep` accepts (all by default). A line asked
 * again after a rejection counts once; an order's first refund is its first request.
 */
function shopFigures(data: RefundData, keep: (orderId: number) => boolean = () => true): RefundFigures {
  const seenLines = new Set<string>();
  const firstOfOrder = new Map<number, RefundRequestRow>();
  const counts = { ...NO_COUNTS };
  for (const request of data.requests) {
    if (!keep(request.orderId)) continue;
    const lineKey = `${request.orderId}:${request.orderLineId ?? 'order'}`;
    if (seenLines.has(lineKey)) continue;
    seenLines.add(lineKey);
    // A high-refund buyer's request is not the order's first refund: as if it had not been asked.
    if (request.excluded !== 'high_refund' && !firstOfOrder.has(request.orderId))
      firstOfOrder.set(request.orderId, request);
    count(counts, request);
  }
  const orderIds = [...data.orders.keys()].filter(keep);
  return figuresOf(
    data,
    orderIds.length,
    counts,
    orderIds.map((id) => asQualityOrder(data.orders.get(id)!, firstOfOrder.get(id))),
  );
}

/**
 * A shop's refund and quality-refund figures over the orders paid in the last `windowDays` (the product rules
 * §5), for the shop and per product. Orders still inside their 14 days count as they stand: delivered
 * and refunded so far. Requests outside the merchant-metric scope (high-refund buyers, freight-abuse returns) leave the rates. Per product,
 * an order's first refund is its first refund about that product.
 */
export async function qualityRefundMetrics(
  db: Executor,
  input: { shopId: number; productId?: number; windowDays: MetricsWindowDays; now: Date },
): Promise<RefundMetrics> {
  const { shopId, now } = input;
  const from = new Date(now.getTime() - input.windowDays * D);
  const data = await loadRefundData(db, shopId, from, now);

  const products = new Map<number, { title: string; orderIds: Set<number> }>();
  for (const line of data.lines) {
    const product = products.get(line.productId) ?? { title: line.title, orderIds: new Set<number>() };
    product.orderIds.add(line.orderId);
    products.set(line.productId, product);
  }

  // Requests arrive oldest first: the first one kept per line is the line's request, the first per
  // order and product is the order's first refund about that product.
  const seenLines = new Set<string>();
  const firstOfOrderProduct = new Map<string, RefundRequestRow>();
  const productCounts = new Map<number, Counts>();
  for (const request of data.requests) {
    const lineKey = `${request.orderId}:${request.orderLineId ?? 'order'}`;
    if (seenLines.has(lineKey)) continue;
    seenLines.add(lineKey);
    const orderProduct = `${request.orderId}:${request.productId}`;
    if (request.excluded !== 'high_refund' && !firstOfOrderProduct.has(orderProduct))
      firstOfOrderProduct.set(orderProduct, request);
    const counts = productCounts.get(request.productId) ?? { ...NO_COUNTS };
    count(counts, request);
    productCounts.set(request.productId, counts);
  }

  const chosen = [...products.entries()]
    .filter(([productId]) => input.productId === undefined || productId === input.productId)
    .sort(([idA, a], [idB, b]) => b.orderIds.size - a.orderIds.size || idA - idB)
    .slice(0, TOP_PRODUCTS);
  return {
    shopId,
    windowDays: input.windowDays,
    from,
    to: now,
    configVersion: data.configVersion,
    shop: shopFigures(data),
    products: chosen.map(([productId, product]) => ({
      productId,
      title: product.title,
      freightAbuse: data.flagged.has(productId),
      ...figuresOf(
        data,
        product.orderIds.size,
        productCounts.get(productId) ?? NO_COUNTS,
        [...product.orderIds].map((id) =>
          asQualityOrder(data.orders.get(id)!, firstOfOrderProduct.get(`${id}:${productId}`)),
        ),
      ),
    })),
  };
}

/**
 * The shop-level figures of the orders paid in (from, to], grouped by cohort (e.g. the local day of
 * payment; `cohortOf` answers undefined to leave an order out), and over all kept orders: the same
 * definitions as `qualityRefundMetrics`, for the merchant dashboard's series.
 */
export async function refundFiguresByCohort(
  db: Executor,
  input: { shopId: number; from: Date; to: Date; cohortOf: (paidAt: Date) => string | undefined },
): Promise<{ all: RefundFigures; cohorts: Map<string, RefundFigures> }> {
  const data = await loadRefundData(db, input.shopId, input.from, input.to);
  const cohortOfOrder = new Map<number, string>();
  for (const [orderId, order] of data.orders) {
    const cohort = input.cohortOf(order.paidAt);
    if (cohort !== undefined) cohortOfOrder.set(orderId, cohort);
  }
  const cohorts = new Map<string, RefundFigures>();
  for (const cohort of new Set(cohortOfOrder.values())) {
    cohorts.set(
      cohort,
      shopFigures(data, (id) => cohortOfOrder.get(id) === cohort),
    );
  }
  return { all: shopFigures(data, (id) => cohortOfOrder.has(id)), cohorts };
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
