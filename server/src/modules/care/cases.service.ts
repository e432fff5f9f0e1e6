import type { Principal } from '../../platform/access.ts';
import type { Db, Executor, Tx } from '../../platform/db.ts';
import { AppError, invalidField } from '../../platform/errors.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { notify } from '../audience/index.ts';
import { currentConfig } from '../configuration/index.ts';
import { caseNotFound, notYourCase } from './care.errors.ts';
import { caseTransitions } from './care.machine.ts';
import type { CaseOutcome, ContactChannel } from './care.tables.ts';

const DAY_MS = 86_400_000;
/** The notification that asks the buyer, in one tap, whether the outreach helped. */
export const CARE_SURVEY_NOTIFICATION = 'care_survey';

/** The case row locked, held by `principal` (else 409 naming who holds it; 404 when there is none). */
export async function lockOwnCase(tx: Tx, principal: Principal, id: number) {
  const row = await tx
    .selectFrom('careCases')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw caseNotFound(id);
  if (row.state !== 'claimed' || row.claimedBy !== principal.userId) {
    if (row.state === 'resolved')
      throw new AppError(
        'invalid_transition',
        `care case ${id} is resolved`,
        { from: 'resolved' },
        { key: 'care_resolved' },
      );
    throw notYourCase(id, row.claimedBy);
  }
  return row;
}

/** An ops user takes an open case (one holder at a time: a second claim is 409). */
export async function claimCase(db: Db, principal: Principal, id: number, now: Date) {
  return db.transaction().execute(async (tx) => {
    await exists(tx, id);
    await transitionRow(tx, 'careCases', {
      machine: caseTransitions,
      what: `care case ${id}`,
      key: { id },
      from: 'open',
      to: 'claimed',
      set: { claimedBy: principal.userId, claimedAt: now },
    });
  });
}

/** The holder puts the case back in the queue. */
export async function releaseCase(db: Db, principal: Principal, id: number) {
  return db.transaction().execute(async (tx) => {
    await lockOwnCase(tx, principal, id);
    await transitionRow(tx, 'careCases', {
      machine: caseTransitions,
      what: `care case ${id}`,
      key: { id },
      from: 'claimed',
      to: 'open',
      set: { claimedBy: null, claimedAt: null },
    });
  });
}

export interface ContactInput {
  channel: ContactChannel;
  reached: boolean;
  note: string;
}

/** The holder records a contact with the buyer (a call, a message), reached or not. */
export async function recordContact(
  db: Db,
  principal: Principal,
  id: number,
  input: ContactInput,
  now: Date,
) {
  const note = input.note.trim();
  if (note.length === 0) throw invalidField('note', 'must not be blank');
  return db.transaction().execute(async (tx) => {
    await lockOwnCase(tx, principal, id);
    await tx
      .insertInto('careContacts')
      .values({
        caseId: id,
        byUser: principal.userId,
        channel: input.channel,
        reached: input.reached,
        note,
        at: now,
      })
      .execute();
  });
}

export interface OutcomeInput {
  outcome: CaseOutcome;
  note?: string | undefined;
}

/**
 * The holder records the outcome and the case leaves the queue. 'compensated' needs a compensation
 * given; any outcome but 'unreachable' needs a contact that reached the buyer. When the buyer was
 * reached, they are asked (notification, one tap) whether they are satisfied, for `surveyValidDays`.
 */
export async function resolveCase(db: Db, principal: Principal, id: number, input: OutcomeInput, now: Date) {
  return db.transaction().execute(async (tx) => {
    const row = await lockOwnCase(tx, principal, id);
    const [reached, given] = await Promise.all([
      tx
        .selectFrom('careContacts')
        .select('id')
        .where('caseId', '=', id)
        .where('reached', '=', true)
        .executeTakeFirst(),
      tx.selectFrom('careCompensations').select('id').where('caseId', '=', id).executeTakeFirst(),
    ]);
    if (input.outcome === 'compensated' && !given)
      throw invalidField('outcome', 'compensated needs a compensation given first');
    if (input.outcome !== 'unreachable' && !reached && !given)
      throw invalidField('outcome', 'record a contact that reached the buyer first');
    if (input.outcome === 'unreachable' && given)
      throw invalidField('outcome', 'the buyer was compensated: not unreachable');
    const { config } = await currentConfig(tx);
    const ask = input.outcome !== 'unreachable';
    const surveyExpiresAt = new Date(now.getTime() + config.care.surveyValidDays * DAY_MS);
    const note = input.note?.trim() || null;
    await transitionRow(tx, 'careCases', {
      machine: caseTransitions,
      what: `care case ${id}`,
      key: { id },
      from: 'claimed',
      to: 'resolved',
      set: {
        outcome: input.outcome,
        outcomeNote: note,
        resolvedBy: principal.userId,
        resolvedAt: now,
        ...(ask ? { surveyState: 'asked' as const, surveyExpiresAt } : {}),
      },
    });
    if (ask)
      await notify(
        tx,
        [row.buyerId],
        CARE_SURVEY_NOTIFICATION,
        { caseId: id, orderId: row.orderId, expiresAt: surveyExpiresAt },
        now,
      );
  });
}

async function exists(db: Executor, id: number) {
  const row = await db.selectFrom('careCases').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw caseNotFound(id);
}
