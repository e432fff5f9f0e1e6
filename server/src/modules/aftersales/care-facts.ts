import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export interface RefusedRequest {
  requestId: number;
  orderId: number;
  buyerId: number;
  shopId: number;
  /** merchant: the merchant rejected it; arbitration: ops decided against the buyer. */
  by: 'merchant' | 'arbitration';
  refusedAt: Date;
}

/**
 * Requests refused at or after `since` (the merchant's rejection, or an arbitration decided 'reject'),
 * for care's refused-then-bad-review rule. One statement.
 */
export async function refusedRequestsSince(db: Executor, since: Date): Promise<RefusedRequest[]> {
  const result = await sql<RefusedRequest>`
    select r.id as "requestId", r.order_id as "orderId", r.buyer_id as "buyerId", r.shop_id as "shopId",
           'merchant' as "by", e.at as "refusedAt"
    from aftersales_events e join aftersales_requests r on r.id = e.request_id
    where e.to_state = 'rejected' and e.at >= ${since}
    union all
    select r.id, r.order_id, r.buyer_id, r.shop_id, 'arbitration', a.decided_at
    from arbitrations a join aftersales_requests r on r.id = a.request_id
    where a.outcome = 'reject' and a.decided_at >= ${since}
    order by "refusedAt"`.execute(db);
  return result.rows;
}

export interface RepeatRequests {
  orderId: number;
  buyerId: number;
  shopId: number;
  /** The buyer's requests on the order, oldest first (system-made ones left out). */
  requestIds: number[];
  /** When the second one was opened. */
  secondAt: Date;
}

/**
 * Orders on which the buyer opened a second after-sales request at or after `since` (a resubmission
 * counts: the first did not settle it), for care's repeat-request rule. System-made requests
 * (late-shipment compensation) do not count. One statement.
 */
export async function repeatRequestsSince(db: Executor, since: Date): Promise<RepeatRequests[]> {
  const result = await sql<RepeatRequests>`
    with orders_touched as (
      select distinct order_id from aftersales_requests
      where created_at >= ${since} and type <> 'late_shipment_compensation'
    ), numbered as (
      select r.id, r.order_id, r.buyer_id, r.shop_id, r.created_at,
             row_number() over (partition by r.order_id order by r.created_at, r.id) as n
      from aftersales_requests r join orders_touched t on t.order_id = r.order_id
      where r.type <> 'late_shipment_compensation'
    )
    select order_id as "orderId", min(buyer_id) as "buyerId", min(shop_id) as "shopId",
           array_agg(id::int order by n) as "requestIds",
           min(created_at) filter (where n = 2) as "secondAt"
    from numbered
    group by order_id
    having count(*) >= 2 and min(created_at) filter (where n = 2) >= ${since}
    order by "secondAt"`.execute(db);
  return result.rows;
}
