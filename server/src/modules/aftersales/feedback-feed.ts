import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** An after-sales request or a buyer's complaint as the voice of the user reads it (product rules §8.4). */
export interface AftersalesFeedback {
  id: number;
  shopId: number;
  buyerId: number;
  orderId: number;
  orderLineId: number | null;
  /** The reason code (REASONS). */
  reason: string;
  /** What the buyer wrote: the request's description, and for a complaint their evidence texts too. */
  text: string;
  createdAt: Date;
}

type FeedInput = { afterId: number; until: Date; limit: number };

/**
 * After-sales requests after `afterId` opened up to `until`, oldest first, at most `limit` (the voice of
 * the user's incremental feed). System-created compensation is no buyer's feedback and is left out.
 */
export async function requestFeed(db: Executor, input: FeedInput): Promise<AftersalesFeedback[]> {
  const rows = await sql<AftersalesFeedback>`
    select r.id, r.shop_id, r.buyer_id, r.order_id, r.order_line_id, r.reason,
      coalesce(r.description, '') as text, r.created_at
    from aftersales_requests r
    where r.id > ${input.afterId} and r.created_at <= ${input.until}
      and r.type <> 'late_shipment_compensation'
    order by r.id
    limit ${input.limit}`.execute(db);
  return rows.rows;
}

/**
 * Complaints after `afterId` opened up to `until`, oldest first, at most `limit`: arbitrations the buyer
 * escalated (id is the arbitration's), with the request's reason and what the buyer wrote (the request's
 * description and the evidence texts they gave by then).
 */
export async function complaintFeed(db: Executor, input: FeedInput): Promise<AftersalesFeedback[]> {
  const rows = await sql<AftersalesFeedback>`
    select a.id, r.shop_id, r.buyer_id, r.order_id, r.order_line_id, r.reason,
      concat_ws(' ', r.description,
        (select string_agg(e.text, ' ' order by e.id) from aftersales_evidence e
         where e.request_id = r.id and e.party = 'buyer' and e.text is not null and e.at <= a.created_at)) as text,
      a.created_at
    from arbitrations a join aftersales_requests r on r.id = a.request_id
    where a.id > ${input.afterId} and a.created_at <= ${input.until} and a.opened_by = 'buyer'
    order by a.id
    limit ${input.limit}`.execute(db);
  return rows.rows;
}
