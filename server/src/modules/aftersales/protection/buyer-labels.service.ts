import { sql } from 'kysely';
import type { Executor, Tx } from '../../../platform/db.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { productOwners } from '../../catalog/index.ts';
import { currentPolicy } from '../../configuration/index.ts';
import { getAccount } from '../../identity/index.ts';
import { orderProducts } from '../../orders/index.ts';
import {
  type BuyerLabel,
  buyerLabelsOf,
  clearBuyerLabel,
  replaceSystemLabels,
  setOpsBuyerLabel,
} from '../../risk/index.ts';
import { highRefundBuyer } from './high-refund-buyer.rule.ts';
import { REFUND_TYPES, requestProduct } from './refund-requests.ts';

/**
 * Recomputes the system's high-refund labels (product rules §5 薅羊毛): every buyer with at least
 * `minRequests` refund requests in the window is judged by `highRefundBuyer` against the refund rate of
 * the categories they bought in; the ones it labels get (or keep) a system label with the rule's inputs
 * and the configuration version, and system labels no longer deserved are cleared (risk keeps the
 * labels: every checkpoint reads them). Labels set by ops are never touched. Set-based: one statement computes every candidate's figures.
 * @returns buyers newly labelled, and system labels cleared.
 */
export async function refreshBuyerLabels(tx: Tx, now: Date): Promise<{ labelled: number; cleared: number }> {
  const { version, policy } = await currentPolicy(tx);
  const { windowMs, minRequests } = policy.highRefundBuyer;
  const from = new Date(now.getTime() - windowMs);

  // A request is a line asked back: resubmissions on the same line (up to 5, §5) count once, since a
  // refund rate measures what a buyer sends back, not how often they insist. Category rates cover
  // every buyer (a full pass over the window's orders, once a day); only buyers with at least
  // `minRequests` come back, since the rule labels no one with fewer.
  const candidates = await sql<{
    buyerId: number;
    buyerRequests: number;
    buyerOrders: number;
    categoryAverageRateBp: number;
  }>`
    with requested as (
      select distinct on (r.order_id, r.order_line_id) r.buyer_id, r.order_id, ${requestProduct('r')} as product_id
      from aftersales_requests r
      where r.type = any(${REFUND_TYPES}::text[]) and r.created_at > ${from} and r.created_at <= ${now}
    ),
    -- the window's orders, once per category they bought in: paid in the window, or asked about in it
    order_categories as (
      select distinct op.order_id, op.buyer_id, p.category_id
      from (${orderProducts({ paidFrom: from, paidTo: now, orOrderIds: sql`select order_id from requested` })}) op
      join (${productOwners()}) p on p.product_id = op.product_id
    ),
    category_orders as (
      select category_id, count(*) as orders from order_categories group by category_id
    ),
    category_requests as (
      select p.category_id, count(*) as requests
      from requested rq join (${productOwners()}) p on p.product_id = rq.product_id
      group by p.category_id
    ),
    category_rates as (
      select co.category_id, coalesce(cr.requests, 0)::numeric / co.orders as rate
      from category_orders co left join category_requests cr using (category_id)
    ),
    candidates as (
      select buyer_id, count(*)::int as requests from requested
      group by buyer_id having count(*) >= ${minRequests}
    )
    -- the average of the buyer's (order, category) rows: each category weighted by the buyer's orders in it
    select c.buyer_id, c.requests as buyer_requests, count(distinct oc.order_id)::int as buyer_orders,
           round(avg(cr.rate) * 10000)::int as category_average_rate_bp
    from candidates c
    join order_categories oc on oc.buyer_id = c.buyer_id
    join category_rates cr on cr.category_id = oc.category_id
    group by c.buyer_id, c.requests`.execute(tx);

  const labels = candidates.rows.flatMap(({ buyerId, ...input }) => {
    const decision = highRefundBuyer(input, policy);
    if (decision.outcome !== 'label') return [];
    const inputs = {
      rule: decision.rule,
      ...decision.inputs,
      explanation: decision.explanation,
      evaluatedAt: now,
    };
    return [{ buyerId, inputs, configVersion: version }];
  });

  return replaceSystemLabels(tx, 'high_refund', labels, now);
}

export interface BuyerLabels {
  buyerId: number;
  highRefund: boolean;
  labels: BuyerLabel[];
}

/** A buyer's labels, for ops; 404 unless the id is a buyer's. */
export async function buyerLabels(db: Executor, buyerId: number): Promise<BuyerLabels> {
  await requireBuyer(db, buyerId);
  const labels = await buyerLabelsOf(db, buyerId);
  return { buyerId, highRefund: labels.some((l) => l.label === 'high_refund'), labels };
}

/**
 * Ops label a buyer high-refund, with their reason. It replaces a system label, and the daily refresh
 * leaves it alone until ops clear it.
 */
export async function setHighRefundLabel(
  db: Executor,
  input: { buyerId: number; reason: string; opsUserId: number; now: Date },
): Promise<BuyerLabels> {
  await requireBuyer(db, input.buyerId);
  await setOpsBuyerLabel(db, {
    buyerId: input.buyerId,
    label: 'high_refund',
    inputs: { reason: input.reason, setByUserId: input.opsUserId },
    now: input.now,
  });
  return buyerLabels(db, input.buyerId);
}

/**
 * Ops clear the high-refund label, whoever set it. A system label comes back at the next daily
 * refresh if the buyer's figures still deserve it.
 */
export async function clearHighRefundLabel(db: Executor, buyerId: number): Promise<BuyerLabels> {
  await requireBuyer(db, buyerId);
  await clearBuyerLabel(db, buyerId, 'high_refund');
  return buyerLabels(db, buyerId);
}

async function requireBuyer(db: Executor, buyerId: number): Promise<void> {
  const account = await getAccount(db, buyerId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  });
  if (account?.kind !== 'buyer') throw notFound('buyer', buyerId);
}
