import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { accountsCreatedAt } from '../identity/index.ts';
import { buyerOrderFacts } from '../orders/index.ts';
import { abuseLabelsOfBuyer } from '../risk/index.ts';
import type { Explanation } from './decision.ts';
import { REFUND_TYPES } from './protection/refund-requests.ts';
import { type ConditionCheck, type GoodBuyerDecision, goodBuyer } from './rules/good-buyer.rule.ts';

/** A buyer's tier as the buyer (and a claim's decision) reads it. */
export interface BuyerTierView {
  buyerId: number;
  tier: 'good' | 'standard';
  conditions: ConditionCheck[];
  explanation: Explanation;
  /** What a good buyer gets: claims up to this amount are approved at once. */
  fastClaimMaxFen: number;
  configVersion: number;
  evaluatedAt: Date;
}

/**
 * The good-buyer tier of a buyer now (product rules §7.6), computed when it is needed — at a
 * guarantee claim and on the buyer's own page — from risk's labels, the account's age, the buyer's
 * orders and their refund requests over the window (a line asked again counts once).
 */
export async function evaluateBuyerTier(
  db: Executor,
  buyerId: number,
  now: Date,
): Promise<{ decision: GoodBuyerDecision; configVersion: number; policy: BuyerTierPolicy }> {
  const { version, config } = await readCurrentConfig(db);
  const policy = config.buyers;
  const since = new Date(now.getTime() - policy.goodBuyerWindowMs);
  const [labels, created, orders, requests] = await Promise.all([
    abuseLabelsOfBuyer(db, buyerId),
    accountsCreatedAt(db, [buyerId]),
    buyerOrderFacts(db, buyerId, since),
    sql<{ n: number }>`
      select count(distinct (r.order_id, r.order_line_id))::int as n from aftersales_requests r
      where r.buyer_id = ${buyerId} and r.type = any(${REFUND_TYPES}::text[])
        and r.created_at > ${since} and r.created_at <= ${now}`.execute(db),
  ]);
  const decision = goodBuyer(
    {
      abuseLabels: labels,
      accountCreatedAt: created.get(buyerId) ?? now,
      now,
      completedOrders: orders.completedOrders,
      windowOrders: orders.paidSince,
      windowRefundRequests: requests.rows[0]?.n ?? 0,
    },
    policy,
  );
  return { decision, configVersion: version, policy };
}

type BuyerTierPolicy = Awaited<ReturnType<typeof readCurrentConfig>>['config']['buyers'];

/** The signed-in buyer's own tier, with each condition and what the tier gives. */
export async function myBuyerTier(db: Executor, buyerId: number, now: Date): Promise<BuyerTierView> {
  const { decision, configVersion, policy } = await evaluateBuyerTier(db, buyerId, now);
  return {
    buyerId,
    tier: decision.outcome,
    conditions: decision.conditions,
    explanation: decision.explanation,
    fastClaimMaxFen: policy.fastClaimMaxFen,
    configVersion,
    evaluatedAt: now,
  };
}
