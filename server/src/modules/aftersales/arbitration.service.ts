import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';
import { cancelDeadline } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { currentPolicy, type PolicyVersion } from '../configuration/index.ts';
import { proRata } from '../settlement/index.ts';
import type { ArbitrationOutcome, ArbitrationState } from './aftersales.tables.ts';
import { type Explanation, yuan } from './decision.ts';
import { payCompensation } from './money/index.ts';
import { type Actor, lockRequest, moveRequest, type RequestRow, requireState } from './request-store.ts';
import { ARBITRATION_EVIDENCE, refundAndEnd } from './requests.service.ts';

export interface ArbitrationDecision {
  outcome: ArbitrationOutcome;
  /** For 'partial': what the buyer gets back, at most what was requested. */
  amountFen?: number;
  reason: string;
  /** Arbitration confirms a counterfeit: on a 假一赔十 line the buyer also gets N × the paid amount. */
  counterfeit?: boolean;
}

/**
 * Ops decide an arbitration (product rules §5): full (the requested amount), partial (an amount up to it),
 * or reject (the request closes). A confirmed counterfeit on a line carrying `fake_pays_n` pays the
 * buyer N × what was paid for the units, charged to the merchant (§4 假一赔十). The reason is stored
 * and shown to both parties.
 */
export async function decideArbitration(
  tx: Tx,
  principal: Principal,
  requestId: number,
  decision: ArbitrationDecision,
  now: Date,
  settings: Settings,
): Promise<void> {
  const request = await lockRequest(tx, requestId);
  requireState(request, ['in_arbitration'], 'an arbitration decision');
  if (decision.outcome === 'partial') {
    if (decision.amountFen === undefined)
      throw invalidField('amountFen', 'a partial decision names the amount');
    if (decision.amountFen < 1 || decision.amountFen >= request.requestedFen)
      throw invalidField(
        'amountFen',
        `a partial award is between 1 and ${request.requestedFen - 1} fen (below the requested ${request.requestedFen})`,
      );
  } else if (decision.amountFen !== undefined) {
    throw invalidField(
      'amountFen',
      `only a partial decision names an amount (this one is ${decision.outcome})`,
    );
  }
  if (decision.counterfeit && decision.outcome === 'reject')
    throw invalidField('counterfeit', 'a counterfeit is confirmed only with a full or partial award');
  const policy = await currentPolicy(tx);
  await settle(tx, request, decision, { kind: 'ops', id: principal.userId }, policy, now, settings);
}

/** The arbitration's outcome applied: by ops, or by the system when ops did not decide in time. */
export async function settle(
  tx: Tx,
  request: RequestRow,
  decision: ArbitrationDecision,
  actor: Actor,
  policy: PolicyVersion,
  now: Date,
  settings: Settings,
): Promise<void> {
  const awardedFen =
    decision.outcome === 'full'
      ? request.requestedFen
      : decision.outcome === 'partial'
        ? decision.amountFen!
        : 0;
  const arbitration = await tx
    .updateTable('arbitrations')
    .set({
      state: 'decided',
      outcome: decision.outcome,
      awardedFen,
      counterfeit: decision.counterfeit ?? false,
      reason: decision.reason,
      decidedBy: actor.kind === 'ops' ? actor.id : null,
      decidedAt: now,
    })
    .where('requestId', '=', request.id)
    .returning('id')
    .executeTakeFirstOrThrow();
  await cancelDeadline(tx, ARBITRATION_EVIDENCE, arbitration.id);
  const why = {
    explanation: decisionWords(decision, awardedFen, actor),
    ...(actor.kind === 'system'
      ? { rule: 'arbitration_overdue', inputs: { deadlineAt: request.deadlineAt } }
      : {}),
  };
  if (decision.outcome === 'reject') {
    await moveRequest(tx, request, 'closed', actor, why, policy, now, { approvedFen: 0 });
    return;
  }
  await refundAndEnd(tx, request, awardedFen, 'order', actor, why, policy, now, settings);
  if (decision.counterfeit) await payFakePaysN(tx, request, policy, now, settings);
}

async function payFakePaysN(
  tx: Tx,
  request: RequestRow,
  policy: PolicyVersion,
  now: Date,
  settings: Settings,
) {
  const line = await tx
    .selectFrom('orderLines')
    .select(['lineFen', 'quantity', 'guarantees'])
    .where('id', '=', request.orderLineId!)
    .executeTakeFirstOrThrow();
  if (!line.guarantees.includes('fake_pays_n')) return;
  const paidFen = proRata(line.lineFen, request.quantity, line.quantity);
  const n = policy.policy.fakePaysMultiplier;
  await payCompensation(
    tx,
    {
      orderId: request.orderId,
      requestId: request.id,
      kind: 'fake_pays_n',
      amountFen: paidFen * n,
      payer: 'merchant',
      rule: 'fake_pays_n',
      inputs: { paidFen, multiplier: n, quantity: request.quantity },
      configVersion: policy.version,
      now,
    },
    settings,
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

/** The merchant's 48 h evidence window passed: the case goes to the ops queue for decision. */
export async function closeEvidenceWindow(tx: Tx, arbitrationId: number): Promise<void> {
  await tx
    .updateTable('arbitrations')
    .set({ state: 'awaiting_decision' })
    .where('id', '=', arbitrationId)
    .where('state', '=', 'awaiting_evidence')
    .execute();
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
