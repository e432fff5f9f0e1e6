import type { Updateable } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { cancelDeadline, type DeadlineHandlers, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { assertTransition, checkGuard, transitionRow } from '../../platform/state-machine.ts';
import { changeProductState, getAnyProduct } from '../catalog/index.ts';
import { currentConfig } from '../configuration/index.ts';
import { requireOwnFiles } from '../files/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { type ComplaintDetail, complaintDetail } from './complaint-view.ts';
import { COMPLAINT_START, complaintGuards, complaintTransitions } from './ip.machine.ts';
import type { ComplaintReason, ComplaintState, IpComplaintsTable } from './ip.tables.ts';
import { certifiedBrandIds, requireHolder } from './rights-holders.service.ts';
import { complaintChannel, counterNoticeDue, restoreTarget, takedownTarget } from './takedown.rule.ts';

/** Durable deadline: the merchant's counter-notice window closes and the takedown is confirmed. */
export const COUNTER_NOTICE_DEADLINE = 'ip.counter_notice_window';

interface LockedComplaint {
  id: number;
  productId: number;
  shopId: number;
  reason: ComplaintReason;
  state: ComplaintState;
  counterNoticeDueAt: Date | null;
}

/**
 * Locks a complaint in the order the deadline runner takes locks: its pending deadline row first,
 * then the complaint. A counter-notice racing the window's end gets one outcome, never two.
 */
async function lockComplaint(
  tx: Tx,
  complaintId: number,
  opts: { deadlineHeld?: boolean } = {},
): Promise<LockedComplaint> {
  if (!opts.deadlineHeld) {
    await tx
      .selectFrom('deadlines')
      .select('id')
      .where('kind', '=', COUNTER_NOTICE_DEADLINE)
      .where('subjectId', '=', complaintId)
      .where('status', '=', 'pending')
      .forUpdate()
      .execute();
  }
  const row = await tx
    .selectFrom('ipComplaints')
    .select(['id', 'productId', 'shopId', 'reason', 'state', 'counterNoticeDueAt'])
    .where('id', '=', complaintId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('ip complaint', complaintId);
  return row;
}

/**
 * Moves a complaint (checked against the machine; a row no longer in the state read is a 409) and
 * writes the event the parties read.
 */
async function moveComplaint(
  tx: Tx,
  complaint: LockedComplaint,
  to: ComplaintState,
  change: { actorId: number | null; note: string; now: Date; set?: Updateable<IpComplaintsTable> },
): Promise<void> {
  await transitionRow(tx, 'ipComplaints', {
    machine: complaintTransitions,
    what: `ip complaint ${complaint.id}`,
    key: { id: complaint.id },
    from: complaint.state,
    to,
    set: { ...change.set, updatedAt: change.now },
  });
  await recordEvent(tx, complaint.id, complaint.state, to, change);
}

async function recordEvent(
  tx: Tx,
  complaintId: number,
  fromState: ComplaintState | null,
  toState: ComplaintState,
  change: { actorId: number | null; note: string; now: Date },
): Promise<void> {
  await tx
    .insertInto('ipComplaintEvents')
    .values({ complaintId, fromState, toState, actorId: change.actorId, note: change.note, at: change.now })
    .execute();
}

/**
 * A validated complaint takes the product down (catalog records who and why on the product, so the
 * merchant sees it there too) and opens the counter-notice window.
 */
async function takeDown(
  tx: Tx,
  clock: Clock,
  complaint: { id: number; productId: number; reason: ComplaintReason },
  actorId: number | null,
  dueAt: Date,
): Promise<void> {
  const product = await getAnyProduct(tx, complaint.productId);
  const target = takedownTarget(product.state);
  if (target) {
    const reason = `IP complaint #${complaint.id} (${complaint.reason}); counter-notice until ${dueAt.toISOString()}`;
    await changeProductState(tx, complaint.productId, { to: target, actorId, reason }, clock);
  }
  await scheduleDeadline(tx, { kind: COUNTER_NOTICE_DEADLINE, subjectId: complaint.id, dueAt });
}

/**
 * A rights holder complains about a product with evidence (product rules §6). Certified for the
 * product's brand: fast channel, upheld at once (product down, merchant notified). Otherwise the
 * complaint waits in the ops queue.
 */
export async function fileComplaint(
  db: Executor,
  clock: Clock,
  principal: Principal,
  input: { productId: number; reason: ComplaintReason; text: string; evidenceFileIds: number[] },
): Promise<ComplaintDetail> {
  return db.transaction().execute(async (tx) => {
    const holder = await requireHolder(tx, principal);
    await requireOwnFiles(tx, principal.userId, input.evidenceFileIds);
    const product = await getAnyProduct(tx, input.productId).catch((err) => {
      if (err instanceof AppError && err.code === 'not_found')
        throw invalidField('productId', 'no such product');
      throw err;
    });
    const brandId = product.brand?.id ?? null;
    const channel = complaintChannel(await certifiedBrandIds(tx, holder.id), brandId);
    const state = COMPLAINT_START[channel];
    const now = clock.now();
    const dueAt = counterNoticeDue(now, (await currentConfig(tx)).config.governance);
    const row = await tx
      .insertInto('ipComplaints')
      .values({
        holderId: holder.id,
        productId: product.id,
        shopId: product.shopId,
        brandId,
        reason: input.reason,
        text: input.text.trim(),
        evidenceFileIds: input.evidenceFileIds,
        channel,
        state,
        counterNoticeDueAt: state === 'upheld' ? dueAt : null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['holderId', 'productId'])
          .where('state', 'in', ['ops_review', 'upheld', 'counter_noticed'])
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      throw new AppError(
        'conflict',
        `You already have an open complaint on product ${product.id}`,
        { field: 'productId' },
        { key: 'complaint_open', params: { productId: product.id } },
      );
    }
    const note =
      channel === 'fast'
        ? `Filed by a holder certified for brand ${brandId} (fast channel): product taken down; the merchant may counter-notify until ${dueAt.toISOString()}`
        : 'Filed; waiting for ops review';
    await recordEvent(tx, row.id, null, state, { actorId: principal.userId, note, now });
    if (state === 'upheld')
      await takeDown(tx, clock, { id: row.id, productId: product.id, reason: input.reason }, null, dueAt);
    return complaintDetail(tx, row.id);
  });
}

/** Ops decide a complaint of the ops channel: uphold (take the product down) or reject. */
export async function decideComplaint(
  db: Executor,
  clock: Clock,
  principal: Principal,
  complaintId: number,
  decision: { uphold: boolean; note: string },
): Promise<ComplaintDetail> {
  return db.transaction().execute(async (tx) => {
    const complaint = await lockComplaint(tx, complaintId);
    const now = clock.now();
    const note = decision.note.trim();
    if (!decision.uphold) {
      await moveComplaint(tx, complaint, 'rejected', {
        actorId: principal.userId,
        note: `Rejected: ${note}`,
        now,
      });
      return complaintDetail(tx, complaintId);
    }
    const dueAt = counterNoticeDue(now, (await currentConfig(tx)).config.governance);
    await moveComplaint(tx, complaint, 'upheld', {
      actorId: principal.userId,
      note: `Upheld: ${note}. Product taken down; the merchant may counter-notify until ${dueAt.toISOString()}`,
      now,
      set: { counterNoticeDueAt: dueAt },
    });
    await takeDown(tx, clock, complaint, principal.userId, dueAt);
    return complaintDetail(tx, complaintId);
  });
}

/** A member of the shop answers an upheld complaint with a counter-notice and evidence, in the window. */
export async function counterNotify(
  db: Executor,
  clock: Clock,
  principal: Principal,
  complaintId: number,
  input: { text: string; evidenceFileIds: number[] },
): Promise<ComplaintDetail> {
  return db.transaction().execute(async (tx) => {
    const complaint = await lockComplaint(tx, complaintId);
    await requireShopMember(tx, principal, complaint.shopId).catch((err) => {
      if (err instanceof AppError && err.code === 'not_found') throw notFound('ip complaint', complaintId);
      throw err;
    });
    assertTransition(complaintTransitions, 'ip complaint', complaint.state, 'counter_noticed');
    const now = clock.now();
    checkGuard(complaintGuards, 'counter_noticed', { counterNoticeDueAt: complaint.counterNoticeDueAt, now });
    await requireOwnFiles(tx, principal.userId, input.evidenceFileIds);
    await moveComplaint(tx, complaint, 'counter_noticed', {
      actorId: principal.userId,
      note: 'The merchant counter-notified; waiting for ops',
      now,
      set: {
        counterText: input.text.trim(),
        counterEvidenceFileIds: input.evidenceFileIds,
        counterBy: principal.userId,
        counterAt: now,
      },
    });
    await cancelDeadline(tx, COUNTER_NOTICE_DEADLINE, complaintId);
    return complaintDetail(tx, complaintId);
  });
}

/**
 * Ops weigh a counter-notice: restore sends the product back through listing review; otherwise the
 * takedown is confirmed.
 */
export async function decideCounterNotice(
  db: Executor,
  clock: Clock,
  principal: Principal,
  complaintId: number,
  decision: { restore: boolean; note: string },
): Promise<ComplaintDetail> {
  return db.transaction().execute(async (tx) => {
    const complaint = await lockComplaint(tx, complaintId);
    const now = clock.now();
    const note = decision.note.trim();
    if (!decision.restore) {
      await moveComplaint(tx, complaint, 'confirmed', {
        actorId: principal.userId,
        note: `Counter-notice refused: ${note}. The takedown stands`,
        now,
      });
      return complaintDetail(tx, complaintId);
    }
    await moveComplaint(tx, complaint, 'restored', {
      actorId: principal.userId,
      note: `Counter-notice accepted: ${note}. The product goes back to listing review`,
      now,
    });
    const product = await getAnyProduct(tx, complaint.productId);
    const target = restoreTarget(product.state);
    if (target) {
      const reason = `IP complaint #${complaintId}: counter-notice accepted`;
      await changeProductState(
        tx,
        complaint.productId,
        { to: target, actorId: principal.userId, reason },
        clock,
      );
    }
    return complaintDetail(tx, complaintId);
  });
}

/** Deadline handlers of this module, for src/deadlines.ts. */
export function ipDeadlineHandlers(): DeadlineHandlers {
  return {
    // The window closed without a counter-notice: the takedown is final.
    [COUNTER_NOTICE_DEADLINE]: async (tx, deadline, { now }) => {
      const complaint = await lockComplaint(tx, deadline.subjectId, { deadlineHeld: true });
      if (complaint.state !== 'upheld') return;
      await moveComplaint(tx, complaint, 'confirmed', {
        actorId: null,
        note: 'No counter-notice within the window: the takedown stands',
        now,
      });
    },
  };
}

/**
 * Complaints that hold a product down (upheld, counter-noticed or confirmed), for the listing
 * checkpoint: a product they name should not go back on sale through a plain resubmission.
 */
export async function ipTakedownsOf(
  db: Executor,
  productId: number,
): Promise<{ complaintId: number; state: ComplaintState }[]> {
  const rows = await db
    .selectFrom('ipComplaints')
    .select(['id', 'state'])
    .where('productId', '=', productId)
    .where('state', 'in', ['upheld', 'counter_noticed', 'confirmed'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ complaintId: r.id, state: r.state }));
}
