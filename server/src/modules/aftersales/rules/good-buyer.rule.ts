import type { PlatformConfig } from '../../configuration/index.ts';
import { duration, type Explanation, type RuleDecision } from '../decision.ts';
import { percent, ratioBp } from '../protection/ratio.ts';

export type BuyersPolicy = PlatformConfig['buyers'];

/** A buyer's history as the good-buyer rule reads it. */
export interface GoodBuyerInput {
  /** Risk's labels on the buyer now (high_refund, fraud, …). */
  abuseLabels: readonly string[];
  accountCreatedAt: Date;
  now: Date;
  /** Orders ever completed. */
  completedOrders: number;
  /** Orders paid in the window. */
  windowOrders: number;
  /** Refund requests in the window (a line asked again counts once). */
  windowRefundRequests: number;
}

export const GOOD_BUYER_CONDITIONS = [
  'no_abuse_labels',
  'low_refund_rate',
  'account_age',
  'completed_orders',
] as const;
export type GoodBuyerCondition = (typeof GOOD_BUYER_CONDITIONS)[number];

export interface ConditionCheck {
  condition: GoodBuyerCondition;
  holds: boolean;
  explanation: Explanation;
}

export type GoodBuyerDecision = RuleDecision<'good' | 'standard'> & { conditions: ConditionCheck[] };

const DAY = 24 * 3_600_000;

/**
 * 优质买家 (product rules §7.6): a buyer is good when every condition holds — no risk label, a refund
 * rate over the window at most the limit (at the limit still good; no orders is a rate of 0), an
 * account at least the minimum age, and at least the minimum of completed orders. Each condition says
 * whether it holds and why, so the tier explains itself.
 */
export function goodBuyer(input: GoodBuyerInput, policy: BuyersPolicy): GoodBuyerDecision {
  const rateBp = ratioBp(input.windowRefundRequests, input.windowOrders);
  const ageMs = input.now.getTime() - input.accountCreatedAt.getTime();
  const ageDays = Math.floor(Math.max(ageMs, 0) / DAY);
  const minDays = Math.ceil(policy.goodBuyerMinAccountAgeMs / DAY);
  const window = duration(policy.goodBuyerWindowMs);
  const labels = input.abuseLabels.length;

  const conditions: ConditionCheck[] = [
    {
      condition: 'no_abuse_labels',
      holds: labels === 0,
      explanation:
        labels === 0
          ? { zh: '无风险标记', en: 'no risk label' }
          : { zh: `有${labels}个风险标记`, en: `${labels} risk label(s)` },
    },
    {
      condition: 'low_refund_rate',
      holds: rateBp <= policy.goodBuyerMaxRefundRateBp,
      explanation: {
        zh: `近${window.zh}退款率${percent(rateBp)}（${input.windowRefundRequests}/${input.windowOrders}），上限${percent(policy.goodBuyerMaxRefundRateBp)}`,
        en: `refund rate ${percent(rateBp)} over ${window.en} (${input.windowRefundRequests}/${input.windowOrders}), at most ${percent(policy.goodBuyerMaxRefundRateBp)}`,
      },
    },
    {
      condition: 'account_age',
      holds: ageMs >= policy.goodBuyerMinAccountAgeMs,
      explanation: {
        zh: `账号注册${ageDays}天，至少${minDays}天`,
        en: `account ${ageDays} days old, at least ${minDays} days`,
      },
    },
    {
      condition: 'completed_orders',
      holds: input.completedOrders >= policy.goodBuyerMinCompletedOrders,
      explanation: {
        zh: `已完成订单${input.completedOrders}笔，至少${policy.goodBuyerMinCompletedOrders}笔`,
        en: `${input.completedOrders} completed orders, at least ${policy.goodBuyerMinCompletedOrders}`,
      },
    },
  ];
  const good = conditions.every((c) => c.holds);
  const failed = conditions.filter((c) => !c.holds);
  return {
    rule: 'good_buyer',
    outcome: good ? 'good' : 'standard',
    conditions,
    inputs: {
      abuseLabels: [...input.abuseLabels],
      accountAgeDays: ageDays,
      completedOrders: input.completedOrders,
      windowOrders: input.windowOrders,
      windowRefundRequests: input.windowRefundRequests,
      refundRateBp: rateBp,
      conditions: Object.fromEntries(conditions.map((c) => [c.condition, c.holds])),
      ...policy,
    },
    explanation: good
      ? {
          zh: `优质买家：${conditions.map((c) => c.explanation.zh).join('；')}`,
          en: `Good buyer: ${conditions.map((c) => c.explanation.en).join('; ')}`,
        }
      : {
          zh: `普通买家：${failed.map((c) => c.explanation.zh).join('；')}`,
          en: `Standard buyer: ${failed.map((c) => c.explanation.en).join('; ')}`,
        },
  };
}
