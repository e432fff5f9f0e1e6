import type { Principal } from '../../platform/access.ts';
import { type Executor, isUniqueViolation, type Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { cancelDeadline } from '../../platform/scheduler/index.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import { currentConfig } from '../configuration/index.ts';
import { requireOwnFiles } from '../files/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { appealRefusal } from './appeal-window.rule.ts';
import { appealTransitions } from './governance.machine.ts';
import { createAppeal, decideAppealState, moveViolation, type ViolationRow } from './governance.store.ts';
import { type PenaltyDeps, reversePenalty } from './penalties.service.ts';
import { type AppealView, appealColumns, getViolationView, type ViolationView } from './violation-view.ts';
import { WARNING_EXPIRES } from './violations.service.ts';

/**
 * A shop member appeals a violation of their shop with evidence (product rules §6): within
 * `governance.appealWindowMs`, at most `governance.maxAppealsPerViolation` per violation, one open at a time. Enforcement is not paused: penalties stay in force until
 * an arbiter upholds the appeal.
 */
export async function fileAppeal(
  db: Executor,
  principal: Principal,
  shopId: number,
  violationId: number,
  input: { text: string; fileIds?: number[] },
  now: Date,
): Promise<AppealView> {
  await requireShopMember(db, principal, shopId);
  const fileIds = input.fileIds ?? [];
  try {
    return await db.transaction().execute(async (tx) => {
      const v = await tx
        .selectFrom('governanceViolations')
        .select(['id', 'shopId', 'state', 'createdAt'])
        .where('id', '=', violationId)
        .forUpdate()
        .executeTakeFirst();
      if (!v || v.shopId !== shopId) throw notFound('violation', violationId);
      await requireOwnFiles(tx, principal.userId, fileIds);
      const earlier = await tx
        .selectFrom('governanceAppeals')
        .select('state')
        .where('violationId', '=', violationId)
        .execute();
      const refusal = appealRefusal({
        violationState: v.state,
        violationCreatedAt: v.createdAt,
        appealsSoFar: earlier.length,
        hasPendingAppeal: earlier.some((a) => a.state === 'pending'),
        now,
        rules: (await currentConfig(tx)).config.governance,
      });
      if (refusal)
        throw new AppError(refusal.code, `violation ${violationId}: ${refusal.reason}`, { violationId });
      const attempt = earlier.length + 1;
      const appeal = await createAppeal(
        tx,
        {
          violationId,
          shopId,
          attempt,
          filedBy: principal.userId,
          text: input.text.trim(),
          fileIds,
          state: 'pending',
          createdAt: now,
        },
        { actorId: principal.userId, note: `appeal ${attempt} filed by the merchant`, now },
      );
      return toAppealView(appeal);
    });
  } catch (err) {
    // The violation row lock orders appeals; this only guards the invariant if that ever changes.
    if (isUniqueViolation(err))
      throw new AppError(
        'conflict',
        `an appeal of violation ${violationId} is open`,
        { violationId },
        { key: 'appeal_open' },
      );
    throw err;
  }
}

function toAppealView(row: Omit<AppealView, 'fileIds'> & { fileIds: unknown[] }): AppealView {
  return { ...row, fileIds: row.fileIds.map(Number) };
}

/** The arbiters' queue: pending appeals, oldest first (or decided ones with `state`). */
export async function listAppeals(
  db: Executor,
  filter: { state?: AppealView['state']; shopId?: number; limit: number; offset: number },
): Promise<{ items: AppealView[]; total: number; limit: number; offset: number }> {
  let query = db.selectFrom('governanceAppeals').where('state', '=', filter.state ?? 'pending');
  if (filter.shopId !== undefined) query = query.where('shopId', '=', filter.shopId);
  const [rows, count] = await Promise.all([
    query
      .select(appealColumns)
      .orderBy('createdAt')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map(toAppealView),
    total: Number(count.n),
    limit: filter.limit,
    offset: filter.offset,
  };
}

/**
 * Reverses everything a violation did (product rules §6: an upheld appeal "reverses everything, money
 * included"): its points leave the 365-day sum, its penalties are undone, a pending warning deadline
 * is cancelled and its host reminder no longer blocks going live.
 */
async function reverseViolation(
  tx: Tx,
  violation: ViolationRow,
  appealId: number,
  deps: PenaltyDeps,
  actorId: number,
): Promise<void> {
  const { now } = deps;
  const violationId = violation.id;
  await moveViolation(tx, violation, 'reversed', { actorId, note: `appeal ${appealId} upheld`, now });
  await cancelDeadline(tx, WARNING_EXPIRES, violationId);
  await tx
    .updateTable('governancePoints')
    .set({ reversedAt: now })
    .where('violationId', '=', violationId)
    .where('reversedAt', 'is', null)
    .execute();
  const penalties = await tx
    .selectFrom('governancePenalties')
    .select('id')
    .where('violationId', '=', violationId)
    .where('state', '<>', 'reversed')
    .orderBy('id')
    .execute();
  for (const { id } of penalties) await reversePenalty(tx, id, deps, actorId);
  await tx
    .updateTable('governanceHostReminders')
    .set({ acknowledgedAt: now })
    .where('violationId', '=', violationId)
    .where('acknowledgedAt', 'is', null)
    .execute();
}

/** An arbiter decides a pending appeal: uphold reverses the violation, reject leaves it as it is. */
export async function decideAppeal(
  db: Executor,
  arbiter: Principal,
  appealId: number,
  decision: { uphold: boolean; reason: string },
  deps: PenaltyDeps,
): Promise<{ appeal: AppealView; violation: ViolationView }> {
  const { now } = deps;
  return db.transaction().execute(async (tx) => {
    const appeal = await tx
      .selectFrom('governanceAppeals')
      .select(['id', 'violationId', 'state'])
      .where('id', '=', appealId)
      .forUpdate()
      .executeTakeFirst();
    if (!appeal) throw notFound('appeal', appealId);
    const to = decision.uphold ? 'upheld' : 'rejected';
    // Refused before anything is reversed: an appeal is decided once.
    assertTransition(appealTransitions, `appeal ${appealId}`, appeal.state, to);
    // Lock order as the warning deadline's: its deadline row (cancelled on reversal), then the violation.
    if (decision.uphold) await cancelDeadline(tx, WARNING_EXPIRES, appeal.violationId);
    const violation = await tx
      .selectFrom('governanceViolations')
      .select(['id', 'state', 'fixBy'])
      .where('id', '=', appeal.violationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (decision.uphold) await reverseViolation(tx, violation, appealId, deps, arbiter.userId);
    const reason = decision.reason.trim();
    const decided = await decideAppealState(tx, appeal, to, {
      actorId: arbiter.userId,
      reason,
      note: `${to}: ${reason}`,
      now,
    });
    return { appeal: toAppealView(decided), violation: await getViolationView(tx, appeal.violationId) };
  });
}
