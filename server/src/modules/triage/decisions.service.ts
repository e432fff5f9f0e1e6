import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, inTransaction, type Tx } from '../../platform/db.ts';
import { AppError, invalidField } from '../../platform/errors.ts';
import { reviewProduct } from '../catalog/index.ts';
import { type CaseHooks, listCases, resolveCase } from '../risk/index.ts';
import { assertMayDecide } from './claims.service.ts';
import type { QueueSubject } from './queue.service.ts';
import { checkpointsOf, type Queue } from './queues.ts';

export type TriageDecision = 'approve' | 'reject';

export interface ItemResult {
  subject: QueueSubject;
  ok: boolean;
  error?: { code: string; message: string; details: Record<string, unknown> };
}

/**
 * Decides items of a queue with one reason, each in its own transaction, and reports each: one item
 * decided meanwhile (or held by someone else) does not stop the others. A listing is approved or
 * rejected (its review cases follow); a case queue's subject has its cases resolved (approve: legit,
 * reject: fraud). A rejection, and any decision on several items, needs the reason.
 */
export async function decideItems(
  db: Db,
  clock: Clock,
  reviewer: Principal,
  input: {
    queue: Queue;
    subjects: QueueSubject[];
    decision: TriageDecision;
    reason?: string;
    takeOver?: boolean;
  },
  hooks: CaseHooks = {},
): Promise<{ results: ItemResult[] }> {
  if (input.queue === 'ip_complaints')
    throw invalidField('queue', 'IP complaints are decided on the complaint (uphold or reject)');
  if (input.queue === 'reports')
    throw invalidField('queue', 'buyer reports are decided on the reports page (uphold or dismiss)');
  const reason = input.reason?.trim() ?? '';
  if (!reason && (input.decision === 'reject' || input.subjects.length > 1))
    throw invalidField('reason', 'is required to reject, and for a decision on several items');
  const results: ItemResult[] = [];
  for (const subject of input.subjects) {
    try {
      await inTransaction(db, async (tx) => {
        await assertMayDecide(tx, {
          queue: input.queue,
          subject,
          userId: reviewer.userId,
          takeOver: input.takeOver ?? false,
        });
        await decideOne(tx, clock, reviewer, input.queue, subject, input.decision, reason, hooks);
        await tx
          .deleteFrom('opsClaims')
          .where('queue', '=', input.queue)
          .where('subjectType', '=', subject.type)
          .where('subjectId', '=', subject.id)
          .execute();
      });
      results.push({ subject, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({
        subject,
        ok: false,
        error: { code: err.code, message: err.message, details: err.details },
      });
    }
  }
  return { results };
}

async function decideOne(
  tx: Tx,
  clock: Clock,
  reviewer: Principal,
  queue: Queue,
  subject: QueueSubject,
  decision: TriageDecision,
  reason: string,
  hooks: CaseHooks,
): Promise<void> {
  if (queue === 'listings' && subject.type === 'product') {
    await reviewProduct(
      tx,
      reviewer,
      subject.id,
      decision === 'approve' ? { approve: true, reason } : { approve: false, reason },
      clock,
    );
    return;
  }
  const checkpoints: string[] = checkpointsOf(queue);
  const cases = (
    await Promise.all(
      (['open', 'assigned'] as const).map((state) =>
        listCases(tx, { subject, state, limit: 100, offset: 0 }),
      ),
    )
  )
    .flatMap((p) => p.items)
    .filter((c) => checkpoints.includes(c.checkpoint));
  if (cases.length === 0)
    throw new AppError(
      'invalid_transition',
      `Nothing waits for a decision on ${subject.type} ${subject.id}`,
      {
        subject,
      },
    );
  for (const c of cases)
    await resolveCase(
      tx,
      {
        caseId: c.id,
        resolution: decision === 'approve' ? 'legit' : 'fraud',
        note: reason,
        userId: reviewer.userId,
        now: clock.now(),
      },
      hooks,
    );
}
