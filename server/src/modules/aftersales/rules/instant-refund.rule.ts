import type { AftersalesPolicy } from '../../configuration/index.ts';
import { type Explanation, type RuleDecision, yuan } from '../decision.ts';
import { automationExclusion } from './automation-exclusion.rule.ts';

export interface InstantRefundInput {
  orderState: string;
  amountFen: number;
  buyerHighRefund: boolean;
  customMade: boolean;
  isVirtual: boolean;
}

type Policy = Pick<AftersalesPolicy, 'instantRefundBelowFen'>;

/**
 * 极速退款 (product rules §5): an unshipped order, an amount strictly below the limit (¥300), goods that are
 * neither custom-made nor virtual and a buyer not labelled high-refund → refunded at once. Anything
 * else goes to the merchant ('manual'), explained by the first condition that failed.
 */
export function instantRefund(input: InstantRefundInput, policy: Policy): RuleDecision<'approve' | 'manual'> {
  const limit = policy.instantRefundBelowFen;
  const inputs = { ...input, instantRefundBelowFen: limit };
  const failure = whyNot(input, policy);
  if (failure) {
    return {
      rule: 'instant_refund',
      outcome: 'manual',
      inputs,
      explanation: {
        zh: `不符合极速退款：${failure.zh}，由商家处理`,
        en: `No instant refund: ${failure.en}; the merchant decides`,
      },
    };
  }
  const amount = yuan(input.amountFen);
  return {
    rule: 'instant_refund',
    outcome: 'approve',
    inputs,
    explanation: {
      zh: `订单未发货且金额${amount}低于${yuan(limit)}，已极速退款`,
      en: `Refunded at once: the order was not shipped and ${amount} is below ${yuan(limit)}`,
    },
  };
}

function whyNot(input: InstantRefundInput, policy: Policy): Explanation | null {
  if (input.orderState !== 'paid') {
    return {
      zh: `订单不是待发货状态（${input.orderState}）`,
      en: `the order is not awaiting shipment (${input.orderState})`,
    };
  }
  // Strictly below: exactly ¥300 is not instant.
  if (input.amountFen >= policy.instantRefundBelowFen) {
    const amount = yuan(input.amountFen);
    const limit = yuan(policy.instantRefundBelowFen);
    return {
      zh: `金额${amount}未低于极速退款上限${limit}`,
      en: `${amount} is not below the instant-refund limit of ${limit}`,
    };
  }
  return automationExclusion(input);
}
