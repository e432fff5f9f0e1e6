import type { DeadlineHandlers } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { type AftersalesPolicy, currentPolicy } from '../configuration/index.ts';
import { type ActionContext, SYSTEM } from './action-context.ts';
import { settle } from './arbitration.service.ts';
import { ARBITRATION_EVIDENCE, closeEvidenceWindow } from './arbitration-store.ts';
import { duration, type RuleDecision } from './decision.ts';
import { approve, refundAndEnd } from './request-steps.ts';
import { lockRequestRow, moveRequest, REQUEST_DEADLINE, type RequestRow } from './request-store.ts';

/**
 * The default action of a request's state when its deadline passes (product rules §5), run once by the
 * durable deadlines inside the runner's transaction (the runner opens it). The request row is re-read
 * under lock: a party that acted first moved the state (and its deadline), and then nothing happens here.
 */
export function aftersalesDeadlineHandlers(settings: Settings): DeadlineHandlers {
  return {
    [REQUEST_DEADLINE]: async (tx, deadline, { now }) => {
      const request = await lockRequestRow(tx, deadline.subjectId);
      if (request.deadlineAt === null || request.deadlineAction === null || request.deadlineAt > now) return;
      const policy = await currentPolicy(tx);
      const ac: ActionContext = { tx, actor: SYSTEM, now, policy, settings };
      const decision = defaultAction(request, policy.policy, now);
      const all = request.requestedFen;
      switch (request.deadlineAction) {
        case 'approve':
          await approve(ac, request, decision);
          return;
        case 'platform_pays':
          await refundAndEnd(ac, request, { amountFen: all, funding: 'deposit' }, decision);
          return;
        case 'refund':
          await refundAndEnd(ac, request, { amountFen: all, funding: 'order' }, decision);
          return;
        case 'close':
          await moveRequest(ac, request, 'closed', decision);
          return;
        case 'decide_for_buyer':
          await settle(ac, request, { outcome: 'full', reason: decision.explanation.en });
          return;
      }
    },
    [ARBITRATION_EVIDENCE]: async (tx, deadline) => closeEvidenceWindow(tx, { id: deadline.subjectId }),
  };
}

/** Why the default action ran: the rule is the deadline of the state, its inputs the times. */
function defaultAction(request: RequestRow, policy: AftersalesPolicy, now: Date): RuleDecision {
  const inputs = { state: request.state, deadlineAt: request.deadlineAt, firedAt: now, type: request.type };
  const d = (ms: number) => duration(ms);
  switch (request.deadlineAction) {
    case 'approve': {
      const w = d(policy.merchantResponseMs);
      return {
        rule: 'merchant_silence_approves',
        outcome: 'approve',
        inputs,
        explanation: {
          zh: `商家${w.zh}内未处理，系统自动同意`,
          en: `The merchant did not answer within ${w.en}, so the request was approved automatically`,
        },
      };
    }
    case 'platform_pays': {
      const w = d(policy.guaranteeClaimResponseMs);
      return {
        rule: 'guarantee_claim_unanswered',
        outcome: 'platform_pays',
        inputs,
        explanation: {
          zh: `商家${w.zh}内未处理保障理赔，平台主动保障，从商家保证金先行赔付`,
          en: `The merchant did not answer the guarantee claim within ${w.en}, so the platform paid it from the merchant's deposit`,
        },
      };
    }
    case 'refund': {
      const receipt = request.state === 'return_shipped';
      const w = d(receipt ? policy.merchantReceiptMs : policy.merchantReshipMs);
      return {
        rule: receipt ? 'receipt_overdue_refunds' : 'reship_overdue_refunds',
        outcome: 'refund',
        inputs: { ...inputs, extended: request.receiptExtended },
        explanation: receipt
          ? {
              zh: `商家未在期限内确认收货${request.receiptExtended ? '（已延长一次）' : ''}，系统自动退款`,
              en: `The merchant did not confirm the return within the deadline${request.receiptExtended ? ' (extended once)' : ''}, so the refund was issued automatically`,
            }
          : {
              zh: `商家${w.zh}内未寄出换货/补寄，平台主动保障，自动退款`,
              en: `The merchant did not send the replacement within ${w.en}, so the platform refunded the buyer`,
            },
      };
    }
    case 'close': {
      const shipping = request.state === 'awaiting_return';
      const w = d(shipping ? policy.buyerShipReturnMs : policy.resubmitWindowMs);
      return {
        rule: shipping ? 'return_not_shipped_closes' : 'rejection_not_contested_closes',
        outcome: 'close',
        inputs,
        explanation: shipping
          ? {
              zh: `买家${w.zh}内未寄回商品，申请关闭`,
              en: `The buyer did not ship the return within ${w.en}, so the request closed`,
            }
          : {
              zh: `买家${w.zh}内未重新提交或申请平台介入，申请关闭`,
              en: `The buyer neither resubmitted nor escalated within ${w.en}, so the request closed`,
            },
      };
    }
    default:
      return {
        rule: 'arbitration_overdue',
        outcome: 'decide_for_buyer',
        inputs,
        explanation: {
          zh: '平台未在期限内完成仲裁，按有利于买家处理，全额退款',
          en: 'Arbitration was not decided in time, so it was decided for the buyer in full',
        },
      };
  }
}
