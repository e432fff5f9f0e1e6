import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction, type Tx } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import type { Settings } from '../../platform/settings.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import { notify } from '../audience/index.ts';
import { changeProductState } from '../catalog/index.ts';
import { hideReportedContent } from '../content/index.ts';
import { recordViolation } from '../governance/index.ts';
import { reportTransitions } from './report.machine.ts';
import { type ReportEffect, type ReportState, type Upholding, upholdingRefusal } from './report-rules.ts';
import { type ReportedSubject, readSubject, type SubjectRef } from './report-subjects.ts';

/** The notification a reporter gets when ops decide their report (the web words it). */
export const REPORT_DECIDED = 'report_decided';

export type ReportOutcome = 'uphold' | 'dismiss';

export interface SubjectDecision {
  subject: SubjectRef;
  state: Exclude<ReportState, 'open'>;
  effect: ReportEffect | null;
  violationId: number | null;
  /** How many open reports the decision closed (each reporter is told). */
  reports: number;
}

type ViolationSettings = Pick<Settings, 'depositTopUpMs' | 'settlementDelayMs' | 'zeroDepositWithholdBp'>;

/**
 * Ops decide every open report of one subject at once (product rules §8.7). Upholding acts on the
 * subject through its owner — a comment or review hidden, a product sent back to review, a violation
 * recorded against a product, room or shop (governance warns or enforces) — in the same transaction;
 * dismissing leaves it. Each reporter is notified of the outcome.
 */
export async function decideReportedSubject(
  db: Executor,
  clock: Clock,
  settings: ViolationSettings,
  reviewer: Principal,
  input: { subject: SubjectRef; outcome: ReportOutcome; note: string } & Partial<Upholding>,
): Promise<SubjectDecision> {
  const note = input.note.trim();
  if (!note) throw invalidField('note', 'is required');
  const to: Exclude<ReportState, 'open'> = input.outcome === 'uphold' ? 'upheld' : 'dismissed';
  let upholding: Upholding | null = null;
  if (input.outcome === 'uphold') {
    if (input.effect === undefined) throw invalidField('effect', 'is required to uphold');
    upholding = { effect: input.effect, violationCode: input.violationCode };
    const refusal = upholdingRefusal(input.subject.type, upholding);
    if (refusal) throw invalidField(refusal.field, refusal.reason);
  } else if (input.effect !== undefined || input.violationCode !== undefined) {
    throw invalidField('effect', 'only goes with uphold');
  }
  return inTransaction(db, async (tx) => {
    const open = await tx
      .selectFrom('buyerReports')
      .select(['id', 'reporterId'])
      .where('subjectType', '=', input.subject.type)
      .where('subjectId', '=', input.subject.id)
      .where('state', '=', 'open')
      .orderBy('id')
      .forUpdate()
      .execute();
    if (open.length === 0)
      throw new AppError(
        'invalid_transition',
        `no open report of ${input.subject.type} ${input.subject.id} waits for a decision`,
        { subject: input.subject },
        { key: 'report_nothing_open' },
      );
    assertTransition(reportTransitions, 'report', 'open', to);
    const subject = await readSubject(tx, input.subject);
    if (!subject) throw notFound(input.subject.type, input.subject.id);
    const now = clock.now();
    const violationId = upholding
      ? await applyEffect(tx, clock, settings, reviewer, subject, upholding, note)
      : null;
    const moved = await tx
      .updateTable('buyerReports')
      .set({
        state: to,
        decidedBy: reviewer.userId,
        decidedAt: now,
        decisionNote: note,
        effect: upholding?.effect ?? null,
        violationId,
      })
      .where(
        'id',
        'in',
        open.map((r) => r.id),
      )
      .where('state', '=', 'open')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== open.length)
      throw new AppError('conflict', 'a report of this subject was decided meanwhile', {
        subject: input.subject,
      });
    await notify(
      tx,
      open.map((r) => r.reporterId),
      REPORT_DECIDED,
      {
        subjectType: subject.type,
        subjectId: subject.id,
        title: subject.text.slice(0, 60),
        state: to,
        effect: upholding?.effect ?? null,
      },
      now,
    );
    return {
      subject: input.subject,
      state: to,
      effect: upholding?.effect ?? null,
      violationId,
      reports: open.length,
    };
  });
}

/** Acts on an upheld subject through the module that owns it; returns the violation recorded, if any. */
async function applyEffect(
  tx: Tx,
  clock: Clock,
  settings: ViolationSettings,
  reviewer: Principal,
  subject: ReportedSubject,
  upholding: Upholding,
  note: string,
): Promise<number | null> {
  switch (upholding.effect) {
    case 'hidden':
      if (subject.type !== 'live_comment' && subject.type !== 'review') return null;
      await hideReportedContent(tx, { type: subject.type, id: subject.id }, note);
      return null;
    case 'sent_to_review':
      await changeProductState(
        tx,
        subject.id,
        { to: 'in_review', actorId: reviewer.userId, reason: `reported by buyers: ${note}` },
        clock,
      );
      return null;
    case 'violation': {
      if (subject.type !== 'product' && subject.type !== 'live_session' && subject.type !== 'shop')
        return null;
      const violation = await recordViolation(
        tx,
        {
          shopId: subject.shopId,
          code: upholding.violationCode!,
          subject: { type: subject.type, id: subject.id },
          evidence: { text: `buyer reports upheld: ${note}` },
          source: 'ops',
          recordedBy: reviewer.userId,
        },
        { now: clock.now(), settings },
      );
      return violation.id;
    }
  }
}

export interface QueuedReport {
  id: number;
  reporterId: number;
  reporterName: string;
  reason: string;
  text: string;
  evidenceFileIds: number[];
  createdAt: Date;
}

/** Reports against the subjects and their shops over the last 7 days: what the trust engine counts. */
export async function reportRates(
  db: Executor,
  now: Date,
  subjects: readonly SubjectRef[],
  shopIds: readonly number[],
): Promise<{ bySubject: Map<string, number>; byShop: Map<number, number> }> {
  const since = new Date(now.getTime() - 7 * 24 * 3_600_000);
  const [bySubject, byShop] = await Promise.all([
    subjects.length === 0
      ? []
      : db
          .selectFrom('buyerReports')
          .select(['subjectType', 'subjectId', (eb) => eb.fn.countAll<number>().as('n')])
          .where('createdAt', '>', since)
          .where(
            sql<boolean>`(subject_type, subject_id) in (${sql.join(
              subjects.map((s) => sql`(${s.type}, ${s.id})`),
            )})`,
          )
          .groupBy(['subjectType', 'subjectId'])
          .execute(),
    shopIds.length === 0
      ? []
      : db
          .selectFrom('buyerReports')
          .select(['shopId', (eb) => eb.fn.countAll<number>().as('n')])
          .where('createdAt', '>', since)
          .where('shopId', 'in', shopIds)
          .groupBy('shopId')
          .execute(),
  ]);
  return {
    bySubject: new Map(bySubject.map((r) => [`${r.subjectType}:${r.subjectId}`, Number(r.n)])),
    byShop: new Map(byShop.map((r) => [r.shopId!, Number(r.n)])),
  };
}
