import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { orderLineForAftersales } from '../orders/index.ts';
import { proRata } from '../settlement/index.ts';
import type { ActionContext, Actor } from './action-context.ts';
import type { ArbitrationOutcome, ArbitrationState } from './aftersales.tables.ts';
import { decideArbitrationRow } from './arbitration-store.ts';
import { type Explanation, yuan } from './decision.ts';
import { payCompensation } from './money/index.ts';
import { refundAndEnd } from './request-steps.ts';
import { moveRequest, type RequestRow } from './request-store.ts';

export interface ArbitrationDecision {
  outcome: ArbitrationOutcome;
  /** For 'partial': what the buyer gets back, at most what was requested. */
  amountFen?: number;
  reason: string;
  /** Arbitration confirms a counterfeit: on a 假一赔十 line the buyer also gets N × the paid amount. */
  counterfeit?: boolean;
}

/**
 * The arbitration's outcome applied: by ops, or by the system when ops did not decide in time. Full
 * awards the requested amount, partial an amount below it, reject closes the request. A confirmed
 * counterfeit on a line carrying `fake_pays_n` pays the buyer N × what was paid for the units, charged
 * to the merchant (§4 假一赔十). The reason is stored and shown to both parties.
 */
export async function settle(
  ac: ActionContext,
  request: RequestRow,
  decision: ArbitrationDecision,
): Promise<void> {
  const awardedFen =
    decision.outcome === 'full'
      ? request.requestedFen
      : decision.outcome === 'partial'
        ? (decision.amountFen ?? 0)
        : 0;
  await decideArbitrationRow(ac, request, { ...decision, awardedFen });
  const why = {
    explanation: decisionWords(decision, awardedFen, ac.actor),
    ...(ac.actor.kind === 'system'
      ? { rule: 'arbitration_overdue', inputs: { deadlineAt: request.deadlineAt } }
      : {}),
  };
  if (decision.outcome === 'reject') {
    await moveRequest(ac, request, 'closed', why, { approvedFen: 0 });
    return;
  }
  await refundAndEnd(ac, request, { amountFen: awardedFen, funding: 'order' }, why);
  if (decision.counterfeit) await payFakePaysN(ac, request);
}

async function payFakePaysN(ac: ActionContext, request: RequestRow) {
  const line = await orderLineForAftersales(ac.tx, request.orderLineId!);
  if (!line?.guarantees.includes('fake_pays_n')) return;
  const paidFen = proRata(line.paidFen, request.quantity, line.quantity);
  const n = ac.policy.policy.fakePaysMultiplier;
  await payCompensation(
    ac.tx,
    {
      orderId: request.orderId,
      requestId: request.id,
      kind: 'fake_pays_n',
      amountFen: paidFen * n,
      payer: 'merchant',
      rule: 'fake_pays_n',
      inputs: { paidFen, multiplier: n, quantity: request.quantity },
      configVersion: ac.policy.version,
      now: ac.now,
    },
    ac.settings,
  );
}

function decisionWords(decision: ArbitrationDecision, awardedFen: number, actor: Actor): Explanation {
  const by =
    actor.kind === 'ops'
      ? { zh: '平台仲裁', en: 'Platform arbitration' }
      : {
          zh: '平台未在期限内裁决，按有利于买家处理',
          en: 'The platform did not decide in time, so it decided for the buyer',
        };
  const counterfeit = decision.counterfeit
    ? {
        zh: '，认定为假货，按假一赔十另行赔付',
        en: '; a counterfeit was confirmed, so fake-pays-ten compensation is paid too',
      }
    : { zh: '', en: '' };
  if (decision.outcome === 'reject')
    return {
      zh: `${by.zh}驳回了申请：${decision.reason}`,
      en: `${by.en} rejected the request: ${decision.reason}`,
    };
  return {
    zh: `${by.zh}支持买家，退款${yuan(awardedFen)}：${decision.reason}${counterfeit.zh}`,
    en: `${by.en} decided for the buyer, refunding ${yuan(awardedFen)}: ${decision.reason}${counterfeit.en}`,
  };
}

export interface ArbitrationQueueItem {
  requestId: number;
  arbitrationId: number;
  state: ArbitrationState;
  openedBy: string;
  type: string;
  reason: string;
  requestedFen: number;
  orderId: number;
  shopId: number;
  buyerId: number;
  evidenceDueAt: Date;
  decideBy: Date | null;
  createdAt: Date;
}

/** The ops queue: undecided cases, those ready for decision first, then by due time. */
export async function arbitrationQueue(
  db: Executor,
  query: { state?: ArbitrationState; limit: number; offset: number },
): Promise<{ items: ArbitrationQueueItem[]; total: number; limit: number; offset: number }> {
  let base = db.selectFrom('arbitrations as a').innerJoin('aftersalesRequests as r', 'r.id', 'a.requestId');
  base = query.state ? base.where('a.state', '=', query.state) : base.where('a.state', '<>', 'decided');
  const [items, total] = await Promise.all([
    base
      .select([
        'r.id as requestId',
        'a.id as arbitrationId',
        'a.state',
        'a.openedBy',
        'r.type',
        'r.reason',
        'r.requestedFen',
        'r.orderId',
        'r.shopId',
        'r.buyerId',
        'a.evidenceDueAt',
        'r.deadlineAt as decideBy',
        'a.createdAt',
      ])
      .orderBy(sql`a.state = 'awaiting_decision'`, 'desc')
      .orderBy('a.evidenceDueAt')
      .orderBy('a.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n, limit: query.limit, offset: query.offset };
}
