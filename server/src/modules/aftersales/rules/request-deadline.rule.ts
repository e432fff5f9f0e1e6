import type { AftersalesPolicy } from '../../configuration/index.ts';
import type { DeadlineAction, RequestState, RequestType } from '../aftersales.tables.ts';
import { duration, type Explanation } from '../decision.ts';

export interface StateDeadlineInput {
  type: RequestType;
  state: RequestState;
  /** The merchant took the one receipt extension (return_shipped only). */
  receiptExtended?: boolean;
}

export interface StateDeadline {
  /** Counted from entering the state (for return_shipped: from the tracking upload). */
  afterMs: number;
  action: DeadlineAction;
  explanation: Explanation;
}

type DeadlinePolicy = Pick<
  AftersalesPolicy,
  | 'merchantResponseMs'
  | 'guaranteeClaimResponseMs'
  | 'buyerShipReturnMs'
  | 'merchantReceiptMs'
  | 'receiptExtensionMs'
  | 'merchantReshipMs'
  | 'resubmitWindowMs'
  | 'arbitrationEvidenceMs'
  | 'arbitrationDecisionMs'
>;

/**
 * The deadline stored with a request state and the default action when it passes (product rules §5:
 * every non-terminal state has one; §4 for guarantee claims). Null for the terminal states.
 */
export function stateDeadline(input: StateDeadlineInput, policy: DeadlinePolicy): StateDeadline | null {
  switch (input.state) {
    case 'pending_merchant': {
      if (input.type === 'guarantee_claim') {
        // §4 platform proactive protection: a silent merchant pays from the deposit.
        const within = duration(policy.guaranteeClaimResponseMs);
        return {
          afterMs: policy.guaranteeClaimResponseMs,
          action: 'platform_pays',
          explanation: {
            zh: `商家需在${within.zh}内处理保障申请，逾期由平台从商家保证金先行赔付`,
            en: `The merchant has ${within.en} to answer the claim; after that the platform pays the buyer from the merchant's deposit`,
          },
        };
      }
      const within = duration(policy.merchantResponseMs);
      return {
        afterMs: policy.merchantResponseMs,
        action: 'approve',
        explanation: {
          zh: `商家需在${within.zh}内处理，逾期自动同意`,
          en: `The merchant has ${within.en} to answer; after that the request is approved automatically`,
        },
      };
    }
    case 'awaiting_return': {
      const within = duration(policy.buyerShipReturnMs);
      return {
        afterMs: policy.buyerShipReturnMs,
        action: 'close',
        explanation: {
          zh: `买家需在${within.zh}内寄回商品并填写运单号，逾期售后关闭`,
          en: `The buyer has ${within.en} to ship the return and enter its tracking number; after that the request closes`,
        },
      };
    }
    case 'return_shipped': {
      // One 7-day extension, still counted from the tracking upload.
      const afterMs = policy.merchantReceiptMs + (input.receiptExtended ? policy.receiptExtensionMs : 0);
      const within = duration(afterMs);
      const extended = input.receiptExtended
        ? { zh: '（已延长一次）', en: ' (extended once)' }
        : { zh: '', en: '' };
      return {
        afterMs,
        action: 'refund',
        explanation: {
          zh: `商家需在${within.zh}内确认收到退货${extended.zh}，逾期自动退款`,
          en: `The merchant has ${within.en}${extended.en} to confirm receipt of the return; after that the buyer is refunded automatically`,
        },
      };
    }
    case 'awaiting_reship': {
      const within = duration(policy.merchantReshipMs);
      return {
        afterMs: policy.merchantReshipMs,
        action: 'refund',
        explanation: {
          zh: `商家需在${within.zh}内发出换货或补寄商品，逾期自动退款`,
          en: `The merchant has ${within.en} to ship the replacement; after that the buyer is refunded automatically`,
        },
      };
    }
    case 'rejected': {
      const within = duration(policy.resubmitWindowMs);
      return {
        afterMs: policy.resubmitWindowMs,
        action: 'close',
        explanation: {
          zh: `买家可在${within.zh}内重新申请或申请平台介入，逾期售后关闭`,
          en: `The buyer has ${within.en} to submit a new request or ask the platform to step in; after that the request closes`,
        },
      };
    }
    case 'in_arbitration': {
      const evidence = duration(policy.arbitrationEvidenceMs);
      const decision = duration(policy.arbitrationDecisionMs);
      const afterMs = policy.arbitrationEvidenceMs + policy.arbitrationDecisionMs;
      const total = duration(afterMs);
      return {
        afterMs,
        action: 'decide_for_buyer',
        explanation: {
          zh: `商家需在${evidence.zh}内提交凭证，平台随后${decision.zh}内裁决；${total.zh}内未裁决则支持买家`,
          en: `The merchant has ${evidence.en} to submit evidence and the platform decides within ${decision.en} after that; undecided after ${total.en}, it is decided for the buyer`,
        },
      };
    }
    case 'refunded':
    case 'resolved':
    case 'closed':
      return null;
  }
}

/** A merchant may extend the receipt deadline once (product rules §5). */
export function receiptExtensionAllowed(receiptExtended: boolean): boolean {
  return !receiptExtended;
}
