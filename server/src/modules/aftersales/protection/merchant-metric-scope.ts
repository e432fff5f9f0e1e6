import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../../platform/db.ts';
import { highRefundBuyerIds } from '../../risk/index.ts';
import { LOGISTICS_COMPLAINT_REASONS, QUALITY_COMPLAINT_REASONS } from '../reasons.ts';
import { QUALITY_REASONS, REFUND_TYPES, requestProduct } from './refund-requests.ts';

/**
 * merchantMetricScope (product rules §7.6): the one rule of which after-sales requests count in a
 * merchant's metrics (refund rate, 品退率, the dashboard, the experience score's inputs). A request is
 * left out when
 * - its buyer is labelled high-refund (薅羊毛, risk's buyer label, system or ops) **now**: the label is
 *   earned by the very requests it then removes, and clearing a wrong label gives them back at once;
 * - or it is a freight-abuse return (薅运费): a return-and-refund without a quality reason of a product
 *   flagged now by the daily detection.
 * A high-refund buyer's freight-abuse return is counted once, as high-refund. Their orders still
 * count as orders: only the requests leave.
 */
export type Exclusion = 'high_refund' | 'freight_abuse';

/** SQL: why the request row aliased `alias` is left out of merchant metrics ('high_refund' | 'freight_abuse'), or null. */
export function requestExclusion(alias: string): RawBuilder<Exclusion | null> {
  const r = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<Exclusion | null>`case
    when ${r('buyer_id')} in (${highRefundBuyerIds()}) then 'high_refund'
    when ${r('type')} = 'return_refund' and ${r('reason')} <> all(${QUALITY_REASONS}::text[])
      and exists (select 1 from freight_abuse_products fa where fa.product_id = ${requestProduct(alias)})
      then 'freight_abuse'
  end`;
}

/** What the experience score reads of a shop's after-sales over a window (product rules §7.6). */
export interface ShopRequestFacts {
  shopId: number;
  /** Orders with a counted refund request opened in the window citing a quality reason (not a guarantee claim the shop honoured). */
  qualityRefunds: number;
  /** Counted requests (one per order line) whose reason is logistics: not received, arrived damaged. */
  logisticsComplaints: number;
  /** Counted requests (one per order line) whose reason is about the goods: quality, not as described, wrong item, parts missing, counterfeit, spoiled, melted, allergy. */
  qualityComplaints: number;
  /** Requests (one per order line) left out: the buyer is labelled high-refund. */
  excludedHighRefund: number;
  /** Requests (one per order line) left out: freight-abuse returns. */
  excludedFreightAbuse: number;
  /** Median of opened → the merchant's first action (or the default action when the merchant let the deadline pass), over counted requests the system did not decide at opening; null with none. */
  medianMerchantResponseMs: number | null;
  /** Median of opened → refunded, over counted requests that were refunded; null with none. */
  medianRefundMs: number | null;
  /** Arbitrations decided in the window on counted requests. */
  arbitrations: number;
  /** Of those, decided against the merchant (a full or partial award to the buyer). */
  arbitrationsLost: number;
}

const ZERO = {
  qualityRefunds: 0,
  logisticsComplaints: 0,
  qualityComplaints: 0,
  excludedHighRefund: 0,
  excludedFreightAbuse: 0,
  medianMerchantResponseMs: null,
  medianRefundMs: null,
  arbitrations: 0,
  arbitrationsLost: 0,
} satisfies Omit<ShopRequestFacts, 'shopId'>;

/**
 * Every shop's after-sales facts over requests opened in (from, to] (arbitrations: decided in it), in
 * the merchant-metric scope: one set-based statement grouped by shop, for the experience score of
 * every shop at once. A line asked again after a rejection counts once in the counts; each request
 * counts in the times. With `shopIds`, exactly those shops come back (zeros where nothing happened);
 * without, the shops with anything in the window.
 */
export async function shopRequestFacts(
  db: Executor,
  from: Date,
  to: Date,
  shopIds?: readonly number[],
): Promise<ShopRequestFacts[]> {
  if (shopIds && shopIds.length === 0) return [];
  const ofShops = (alias: string) =>
    shopIds ? sql`and ${sql.ref(`${alias}.shop_id`)} = any(${shopIds}::bigint[])` : sql``;
  const rows = await sql<ShopRequestFacts>`
    with scoped as (
      select r.id, r.shop_id, r.order_id, r.order_line_id, r.type, r.reason, r.state, r.auto_rule,
             r.created_at, ${requestExclusion('r')} as excluded
      from aftersales_requests r
      where r.created_at > ${from} and r.created_at <= ${to} and r.type <> 'late_shipment_compensation'
        ${ofShops('r')}
    ),
    firsts as (
      select distinct on (order_id, order_line_id) * from scoped order by order_id, order_line_id, created_at, id
    ),
    counts as (
      select shop_id,
        count(distinct order_id) filter (
          where excluded is null and type = any(${REFUND_TYPES}::text[]) and reason = any(${QUALITY_REASONS}::text[])
            and not (type = 'guarantee_claim' and state in ('refunded', 'resolved'))
        )::int as quality_refunds,
        count(*) filter (where excluded is null and reason = any(${LOGISTICS_COMPLAINT_REASONS}::text[]))::int
          as logistics_complaints,
        count(*) filter (where excluded is null and reason = any(${QUALITY_COMPLAINT_REASONS}::text[]))::int
          as quality_complaints,
        count(*) filter (where excluded = 'high_refund')::int as excluded_high_refund,
        count(*) filter (where excluded = 'freight_abuse')::int as excluded_freight_abuse
      from firsts group by shop_id
    ),
    -- Decided at opening (instant refund, lightning return, a good buyer's claim, straight to
    -- arbitration) is at the opening instant: only later moves are the merchant's answer.
    responses as (
      select s.shop_id,
        round(percentile_cont(0.5) within group (order by extract(epoch from (e.first_at - s.created_at)) * 1000))::bigint
          as median_merchant_response_ms
      from scoped s
      cross join lateral (
        select min(e.at) as first_at from aftersales_events e
        where e.request_id = s.id and e.at > s.created_at
          and (e.actor_kind = 'merchant'
               or (e.actor_kind = 'system' and e.from_state = 'pending_merchant' and e.to_state <> 'pending_merchant'))
      ) e
      where s.excluded is null and s.auto_rule is null and e.first_at is not null
      group by s.shop_id
    ),
    refund_times as (
      select s.shop_id,
        round(percentile_cont(0.5) within group (order by extract(epoch from (e.at - s.created_at)) * 1000))::bigint
          as median_refund_ms
      from scoped s
      cross join lateral (
        select min(e.at) as at from aftersales_events e where e.request_id = s.id and e.to_state = 'refunded'
      ) e
      where s.excluded is null and e.at is not null
      group by s.shop_id
    ),
    arbs as (
      select r.shop_id, count(*)::int as arbitrations,
        count(*) filter (where a.outcome in ('full', 'partial'))::int as arbitrations_lost
      from arbitrations a join aftersales_requests r on r.id = a.request_id
      where a.decided_at > ${from} and a.decided_at <= ${to} and ${requestExclusion('r')} is null ${ofShops('r')}
      group by r.shop_id
    ),
    facts_shops as (
      select shop_id from counts union select shop_id from arbs
    )
    select s.shop_id,
      coalesce(c.quality_refunds, 0) as quality_refunds,
      coalesce(c.logistics_complaints, 0) as logistics_complaints,
      coalesce(c.quality_complaints, 0) as quality_complaints,
      coalesce(c.excluded_high_refund, 0) as excluded_high_refund,
      coalesce(c.excluded_freight_abuse, 0) as excluded_freight_abuse,
      rs.median_merchant_response_ms, rt.median_refund_ms,
      coalesce(a.arbitrations, 0) as arbitrations,
      coalesce(a.arbitrations_lost, 0) as arbitrations_lost
    from facts_shops s
    left join counts c using (shop_id)
    left join responses rs using (shop_id)
    left join refund_times rt using (shop_id)
    left join arbs a using (shop_id)
    order by s.shop_id`.execute(db);

  const facts = rows.rows.map((row) => ({
    ...row,
    shopId: Number(row.shopId),
    medianMerchantResponseMs:
      row.medianMerchantResponseMs === null ? null : Number(row.medianMerchantResponseMs),
    medianRefundMs: row.medianRefundMs === null ? null : Number(row.medianRefundMs),
  }));
  if (!shopIds) return facts;
  const byShop = new Map(facts.map((f) => [f.shopId, f]));
  return [...new Set(shopIds)]
    .sort((a, b) => a - b)
    .map((shopId) => byShop.get(shopId) ?? { shopId, ...ZERO });
}
