import type { Tx } from '../../platform/db.ts';
import { cancelDeadline, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { checkGuard, transitionRow } from '../../platform/state-machine.ts';
import type { ActionContext } from './action-context.ts';
import type { ArbitrationOutcome } from './aftersales.tables.ts';
import { arbitrationGuards, arbitrationTransitions } from './machines.ts';

/*
 * The arbitration of a request (one per request), moved only through `arbitrationTransitions` and its
 * guards. Its timeline is the request's: opening and deciding move the request, which records them.
 */

/** The merchant's evidence window of an arbitration; when it passes, the case awaits ops' decision. */
export const ARBITRATION_EVIDENCE = 'aftersales.arbitration_evidence';

const what = (requestId: number) => `the arbitration of request ${requestId}`;

/** Opens the arbitration: 48 h (configured) for the merchant's evidence, with its durable deadline. */
export async function openArbitrationRow(
  ac: ActionContext,
  requestId: number,
  openedBy: 'buyer' | 'merchant' | 'system',
) {
  const evidenceDueAt = new Date(ac.now.getTime() + ac.policy.policy.arbitrationEvidenceMs);
  const row = await ac.tx
    .insertInto('arbitrations')
    .values({ requestId, state: 'awaiting_evidence', openedBy, evidenceDueAt, createdAt: ac.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await scheduleDeadline(ac.tx, { kind: ARBITRATION_EVIDENCE, subjectId: row.id, dueAt: evidenceDueAt });
}

/**
 * The evidence window ends: by the merchant's evidence, or by its deadline. Either may come second
 * (the window already closed), which is no error.
 */
export async function closeEvidenceWindow(tx: Tx, key: { id: number } | { requestId: number }) {
  await transitionRow(tx, 'arbitrations', {
    machine: arbitrationTransitions,
    what: 'id' in key ? `arbitration ${key.id}` : what(key.requestId),
    key,
    from: 'awaiting_evidence',
    to: 'awaiting_decision',
    ifNotIn: 'skip',
  });
}

export interface ArbitrationAward {
  outcome: ArbitrationOutcome;
  amountFen?: number;
  counterfeit?: boolean;
  reason: string;
}

/**
 * Records the decision (guards: arbitrationGuards.decided) and ends the evidence deadline. An
 * arbitration decided already is refused (409), so one case is never decided twice.
 */
export async function decideArbitrationRow(
  ac: ActionContext,
  request: { id: number; requestedFen: number },
  award: ArbitrationAward & { awardedFen: number },
) {
  checkGuard(arbitrationGuards, 'decided', {
    outcome: award.outcome,
    amountFen: award.amountFen,
    counterfeit: award.counterfeit ?? false,
    requestedFen: request.requestedFen,
  });
  const row = await transitionRow(ac.tx, 'arbitrations', {
    machine: arbitrationTransitions,
    what: what(request.id),
    key: { requestId: request.id },
    from: ['awaiting_evidence', 'awaiting_decision'],
    to: 'decided',
    set: {
      outcome: award.outcome,
      awardedFen: award.awardedFen,
      counterfeit: award.counterfeit ?? false,
      reason: award.reason,
      decidedBy: ac.actor.kind === 'ops' ? ac.actor.id : null,
      decidedAt: ac.now,
    },
  });
  await cancelDeadline(ac.tx, ARBITRATION_EVIDENCE, row.id);
}
