import type { Tx } from '../../platform/db.ts';
import type { Deadline, DeadlineBatchHandlers, DeadlineHandlers } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { type AftersalesPolicy, currentPolicy } from '../configuration/index.ts';
import { type ActionContext, SYSTEM } from './action-context.ts';
import { settle } from './arbitration.service.ts';
import { ARBITRATION_EVIDENCE, closeEvidenceWindow } from './arbitration-store.ts';
import { type BatchStep, batchStepOf } from './deadline-step.rule.ts';
import { duration, type RuleDecision } from './decision.ts';
import { refundManyFromEscrow } from './money/refund-many.ts';
import { approve, refundAndEnd } from './request-steps.ts';
import { lockRequestRows, moveRequests, openReturnParcels, type RequestMove } from './request-steps-many.ts';
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

/**
 * The same default actions for a whole claimed batch of request deadlines, set-based (one statement per
 * step for all of them: request-steps-many.ts, money/refund-many.ts), inside the runner's transaction.
 * The requests are locked in id order; only refunds out of the order's own escrowed money are paid
 * here, so no shop's status lock is taken (one batch spans many shops). What needs more (the deposit,
 * a settled order's clawback, a shipment to stop, arbitration) is left to the per-deadline handler
 * above, in shop order, so two runners take shop locks in the same order.
 */
export function aftersalesDeadlineBatchHandlers(settings: Settings): DeadlineBatchHandlers {
  return {
    [REQUEST_DEADLINE]: (tx, deadlines, { now }) => fireRequestDeadlines(tx, deadlines, now, settings),
  };
}

async function fireRequestDeadlines(
  tx: Tx,
  deadlines: readonly Deadline[],
  now: Date,
  settings: Settings,
): Promise<Deadline[]> {
  const requests = await lockRequestRows(
    tx,
    deadlines.map((d) => d.subjectId),
  );
  const byId = new Map(requests.map((r) => [r.id, r]));
  // A party that acted first moved the state (and its deadline): nothing to do for it.
  const due = requests.filter(
    (r) => r.deadlineAt !== null && r.deadlineAction !== null && r.deadlineAt <= now,
  );
  const by: Record<BatchStep, RequestRow[]> = {
    refund: [],
    approve_return: [],
    move: [],
    close: [],
    one: [],
  };
  for (const request of due) by[batchStepOf(request)].push(request);
  const one = new Set(by.one.map((r) => r.id));
  if (due.length > one.size) {
    const policy = await currentPolicy(tx);
    const ac: ActionContext = { tx, actor: SYSTEM, now, policy, settings };
    const why = (request: RequestRow) => defaultAction(request, policy.policy, now);
    const refunds = await refundManyFromEscrow(
      tx,
      by.refund.map((r) => ({
        requestId: r.id,
        orderId: r.orderId,
        orderLineId: r.orderLineId,
        amountFen: r.requestedFen,
        reason: `after-sales request ${r.id} (${r.type})`,
      })),
      now,
    );
    for (const id of refunds.left) one.add(id);
    await openReturnParcels(ac, by.approve_return);
    const moves: RequestMove[] = [
      ...refunds.done.map((id) => {
        const request = byId.get(id)!;
        return { request, to: 'refunded' as const, why: why(request), approvedFen: request.requestedFen };
      }),
      ...by.approve_return.map((request) => ({ request, to: 'awaiting_return' as const, why: why(request) })),
      ...by.move.map((request) => ({ request, to: 'awaiting_reship' as const, why: why(request) })),
      ...by.close.map((request) => ({ request, to: 'closed' as const, why: why(request) })),
    ];
    await moveRequests(ac, moves);
  }
  // Left to the per-deadline handler: its cases, and a missing request (it reports it), by shop.
  const shopOf = (d: Deadline) => byId.get(d.subjectId)?.shopId ?? 0;
  return deadlines
    .filter((d) => one.has(d.subjectId) || !byId.has(d.subjectId))
    .sort((a, b) => shopOf(a) - shopOf(b) || a.subjectId - b.subjectId);
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
