import type { AftersalesPolicy } from '../../configuration/index.ts';
import { duration, type Explanation, type RuleDecision, yuan } from '../decision.ts';
import { isReason, isSubjectiveReason, REASONS } from '../reasons.ts';
import { automationExclusion } from './automation-exclusion.rule.ts';
import { noReasonWindow } from './no-reason-window.rule.ts';

export interface LightningReturnInput {
  guarantees: readonly string[];
  deliveredAt: Date | null;
  now: Date;
  reason: string;
  amountFen: number;
  customMade: boolean;
  isVirtual: boolean;
  buyerHighRefund: boolean;
}

type Policy = Pick<AftersalesPolicy, 'lightningReturnMaxFen' | 'noReasonReturnMs' | 'timezoneOffsetMinutes'>;

/**
 * 闪电退货 (product rules §5): a line carrying `no_reason_7d`, inside the no-reason window, a subjective
 * reason, an amount of at most ¥1,000, goods neither custom-made nor virtual and a buyer not labelled
 * high-refund → the return is approved at once. Anything else goes to the merchant ('manual'),
 * explained by the first condition that failed.
 */
export function lightningReturn(
  input: LightningReturnInput,
  policy: Policy,
): RuleDecision<'approve' | 'manual'> {
  const closesAt = input.deliveredAt ? noReasonWindow(input.deliveredAt, policy).closesAt : null;
  const inputs = {
    ...input,
    deliveredAt: input.deliveredAt?.toISOString() ?? null,
    now: input.now.toISOString(),
    noReasonClosesAt: closesAt?.toISOString() ?? null,
    lightningReturnMaxFen: policy.lightningReturnMaxFen,
  };
  const failure = whyNot(input, closesAt, policy);
  if (failure) {
    return {
      rule: 'lightning_return',
      outcome: 'manual',
      inputs,
      explanation: {
        zh: `不符合闪电退货：${failure.zh}，由商家处理`,
        en: `No lightning return: ${failure.en}; the merchant decides`,
      },
    };
  }
  const amount = yuan(input.amountFen);
  const limit = yuan(policy.lightningReturnMaxFen);
  const days = duration(policy.noReasonReturnMs);
  return {
    rule: 'lightning_return',
    outcome: 'approve',
    inputs,
    explanation: {
      zh: `在${days.zh}无理由退货期内、原因为主观原因且金额${amount}不超过${limit}，已自动同意退货`,
      en: `Return approved at once: within the no-reason window of ${days.en}, a subjective reason, and ${amount} is at most ${limit}`,
    },
  };
}

function whyNot(input: LightningReturnInput, closesAt: Date | null, policy: Policy): Explanation | null {
  if (!input.guarantees.includes('no_reason_7d')) {
    return { zh: '商品不支持7天无理由退货', en: 'the item has no 7-day no-reason return' };
  }
  if (!input.deliveredAt || !closesAt) return { zh: '订单尚未签收', en: 'the order has not been delivered' };
  // product rules §4: the window is [delivery, 00:00 the day after delivery + 7 × 24 h).
  if (input.now < input.deliveredAt || input.now >= closesAt) {
    const days = duration(policy.noReasonReturnMs);
    return {
      zh: `不在${days.zh}无理由退货期内`,
      en: `the request is outside the no-reason window of ${days.en}`,
    };
  }
  if (!isSubjectiveReason(input.reason)) {
    const label = isReason(input.reason) ? REASONS[input.reason] : { zh: input.reason, en: input.reason };
    return {
      zh: `退货原因“${label.zh}”不是主观原因`,
      en: `the reason "${label.en}" is not a subjective one`,
    };
  }
  if (input.amountFen > policy.lightningReturnMaxFen) {
    const amount = yuan(input.amountFen);
    const limit = yuan(policy.lightningReturnMaxFen);
    return {
      zh: `金额${amount}超过闪电退货上限${limit}`,
      en: `${amount} is above the lightning-return limit of ${limit}`,
    };
  }
  return automationExclusion(input);
}
