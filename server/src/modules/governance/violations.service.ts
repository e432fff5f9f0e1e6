import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { cancelDeadline, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { getAnyProduct } from '../catalog/index.ts';
import { currentConfig, type GovernanceConfig } from '../configuration/index.ts';
import { requireOwnFiles } from '../files/index.ts';
import { getSessionView } from '../live/index.ts';
import { getShop, requireShopMember } from '../shops/index.ts';
import {
  catalogueEntry,
  isViolationCode,
  type SubjectType,
  type ViolationCode,
  type ViolationSource,
} from './catalogue.ts';
import { createViolation, endActiveWarnings, moveViolation } from './governance.store.ts';
import { lookbackStart, treatment } from './graduated-enforcement.rule.ts';
import { imposePenalty, type PenaltyDeps, type PenaltyTarget } from './penalties.service.ts';
import { shopPoints } from './points.service.ts';
import { milestoneReached } from './points-milestones.rule.ts';
import { getViolationView, type ViolationView } from './violation-view.ts';

/** Deadline kind: a warned violation not fixed by its fix-by time is enforced. */
export const WARNING_EXPIRES = 'governance.warning_expires';

export interface RecordViolationInput {
  /** The shop at fault; null for a creator's own live room (then `subject` is the session). */
  shopId: number | null;
  code: ViolationCode | string;
  /** Serious violations only: another value than the catalogue's, 2–100. */
  points?: number;
  subject: { type: SubjectType; id: number | null };
  evidence: { text: string; fileIds?: number[] };
  source: ViolationSource;
  /** The ops user recording it; null for an automated decision. */
  recordedBy: number | null;
}

interface ResolvedSubject {
  shopId: number | null;
  hostUserId: number | null;
}

/** Checks the subject belongs to the shop, and finds the host of a live session. */
async function resolveSubject(tx: Tx, input: RecordViolationInput): Promise<ResolvedSubject> {
  const { type, id } = input.subject;
  if (type !== 'shop' && id === null) throw invalidField('subject.id', `required for a ${type}`);
  if (input.shopId !== null) await getShop(tx, input.shopId);
  if (type === 'product') {
    const product = await getAnyProduct(tx, id!).catch(() => null);
    if (!product || product.shopId !== input.shopId) {
      throw invalidField('subject.id', `product ${id} is not a product of shop ${input.shopId}`);
    }
  }
  if (type === 'live_session') {
    const session = await getSessionView(tx, id!).catch(() => null);
    if (!session || (session.shop?.id ?? null) !== input.shopId) {
      throw invalidField(
        'subject.id',
        `live session ${id} is not hosted by ${input.shopId === null ? 'a creator' : `shop ${input.shopId}`}`,
      );
    }
    return { shopId: input.shopId, hostUserId: session.host.userId };
  }
  if (input.shopId === null)
    throw invalidField('shopId', 'required unless the subject is a creator’s live session');
  return { shopId: input.shopId, hostUserId: null };
}

function checkedPoints(code: ViolationCode, points: number | undefined): number {
  const entry = catalogueEntry(code);
  if (points === undefined) return entry.points;
  if (entry.severity === 'general' && points !== 0) {
    throw invalidField('points', `${code} is a general violation and carries no points`);
  }
  if (entry.severity === 'serious' && (!Number.isInteger(points) || points < 2 || points > 100)) {
    throw invalidField('points', 'a serious violation carries 2–100 points');
  }
  return points;
}

/**
 * Records a violation and acts on it inside the caller's transaction (product rules §6): a first minor
 * violation is warned with a fix-by deadline and no fine; anything else is enforced at once — the
 * catalogue's penalties, the points, and the restriction or closure of a points milestone. A minor
 * live violation leaves a reminder for the host's next session. Ops, the trust engine and IP
 * protection call this.
 */
export async function recordViolation(
  tx: Tx,
  input: RecordViolationInput,
  deps: PenaltyDeps,
): Promise<ViolationView> {
  const { now } = deps;
  if (!isViolationCode(input.code)) throw invalidField('code', `unknown violation code ${input.code}`);
  const code = input.code;
  const entry = catalogueEntry(code);
  const points = checkedPoints(code, input.points);
  if (!entry.subjects.includes(input.subject.type)) {
    throw invalidField('subject.type', `${code} concerns ${entry.subjects.join(', ')}`);
  }
  const fileIds = input.evidence.fileIds ?? [];
  if (input.recordedBy !== null) await requireOwnFiles(tx, input.recordedBy, fileIds);
  const owner = await resolveSubject(tx, input);

  // One shop's violations are decided one at a time: the first-offence count and the points sum
  // must see each other (two concurrent serious violations may not both miss a milestone).
  await sql`select pg_advisory_xact_lock(42042, ${owner.shopId ?? -owner.hostUserId!})`.execute(tx);
  const { version: configVersion, config } = await currentConfig(tx);

  let prior = tx
    .selectFrom('governanceViolations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', '=', code)
    .where('state', '<>', 'reversed')
    .where('createdAt', '>', lookbackStart(now, config.governance));
  prior =
    owner.shopId !== null
      ? prior.where('shopId', '=', owner.shopId)
      : prior.where('shopId', 'is', null).where('hostUserId', '=', owner.hostUserId);
  const { n: priorSameCode } = await prior.executeTakeFirstOrThrow();
  const decided = treatment({
    severity: entry.severity,
    points,
    priorSameCode: Number(priorSameCode),
    now,
    rules: config.governance,
  });

  const state = decided.action === 'warn' ? 'warned' : 'enforced';
  const violationId = await createViolation(
    tx,
    {
      shopId: owner.shopId,
      hostUserId: owner.hostUserId,
      code,
      severity: entry.severity,
      points,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      evidenceText: input.evidence.text.trim(),
      evidenceFileIds: fileIds,
      source: input.source,
      state,
      fixBy: decided.action === 'warn' ? decided.fixBy : null,
      recordedBy: input.recordedBy,
      createdAt: now,
      updatedAt: now,
      configVersion,
    },
    {
      actorId: input.recordedBy,
      note:
        decided.action === 'warn'
          ? `${entry.en}: first minor violation, warned; fix by ${decided.fixBy.toISOString()}`
          : `${entry.en}: enforced${points > 0 ? ` (${points} points)` : ''}`,
      now,
    },
  );

  const target: PenaltyTarget = {
    violationId,
    ...owner,
    subjectType: input.subject.type,
    subjectId: input.subject.id,
    reason: `violation ${violationId}: ${entry.en}`,
    actorId: input.recordedBy,
  };
  if (decided.action === 'warn') {
    await imposePenalty(tx, target, { kind: 'warning', endsAt: decided.fixBy }, deps);
    await scheduleDeadline(tx, { kind: WARNING_EXPIRES, subjectId: violationId, dueAt: decided.fixBy });
  } else {
    await enforce(tx, target, code, points, deps, config.governance);
  }
  if (input.subject.type === 'live_session' && entry.severity === 'general') {
    await tx
      .insertInto('governanceHostReminders')
      .values({
        hostUserId: owner.hostUserId!,
        violationId,
        sessionId: input.subject.id,
        messageZh: `上次直播违规：${entry.zh}。请在下次开播前确认并遵守平台规则。`,
        messageEn: `Your last live session broke a rule: ${entry.en}. Acknowledge this before your next session.`,
        createdAt: now,
      })
      .execute();
  }
  return getViolationView(tx, violationId);
}

/** The catalogue's penalties, then the points and the milestone they reach (product rules §6). */
async function enforce(
  tx: Tx,
  target: PenaltyTarget,
  code: ViolationCode,
  points: number,
  deps: PenaltyDeps,
  rules: GovernanceConfig,
): Promise<void> {
  for (const penalty of catalogueEntry(code).penalties) await imposePenalty(tx, target, penalty, deps);
  if (points === 0 || target.shopId === null) return;
  const before = await shopPoints(tx, target.shopId, deps.now, rules);
  await tx
    .insertInto('governancePoints')
    .values({ shopId: target.shopId, violationId: target.violationId, points, at: deps.now })
    .execute();
  const reached = milestoneReached(before, before + points, rules);
  if (!reached) return;
  const reason = `${before + points} points within ${rules.pointsWindowMs / 86_400_000} days (milestone ${reached.milestone}), violation ${target.violationId}`;
  await imposePenalty(
    tx,
    { ...target, reason },
    reached.action === 'restrict'
      ? { kind: 'shop_restricted', days: reached.days, milestone: reached.milestone }
      : { kind: 'shop_closed', milestone: reached.milestone },
    deps,
  );
}

async function lockViolation(tx: Tx, violationId: number) {
  return tx
    .selectFrom('governanceViolations')
    .select([
      'id',
      'shopId',
      'hostUserId',
      'code',
      'points',
      'state',
      'fixBy',
      'subjectType',
      'subjectId',
      'createdAt',
    ])
    .where('id', '=', violationId)
    .forUpdate()
    .executeTakeFirst();
}

/** The deadline's action: a warning not fixed in time is enforced (its penalties; general: no points). */
export async function enforceUnfixedWarning(tx: Tx, violationId: number, deps: PenaltyDeps): Promise<void> {
  const v = await lockViolation(tx, violationId);
  if (v?.state !== 'warned' || !isViolationCode(v.code)) return;
  const change = { actorId: null, note: `not fixed by ${v.fixBy!.toISOString()}: enforced`, now: deps.now };
  await moveViolation(tx, v, 'enforced', change);
  await endActiveWarnings(tx, violationId, change);
  await enforce(
    tx,
    {
      violationId,
      shopId: v.shopId,
      hostUserId: v.hostUserId,
      subjectType: v.subjectType,
      subjectId: v.subjectId,
      reason: `violation ${violationId} not fixed by ${v.fixBy!.toISOString()}: ${catalogueEntry(v.code).en}`,
      actorId: null,
    },
    v.code,
    v.points,
    deps,
    (await currentConfig(tx)).config.governance,
  );
}

/** The merchant fixed a warned violation within its window: no penalty follows. */
export async function fixViolation(
  db: Executor,
  principal: Principal,
  shopId: number,
  violationId: number,
  now: Date,
): Promise<ViolationView> {
  await requireShopMember(db, principal, shopId);
  return db.transaction().execute(async (tx) => {
    // Lock order as the runner's: the deadline row first, then the violation. A fix racing the
    // deadline waits for it and then finds the violation enforced.
    await cancelDeadline(tx, WARNING_EXPIRES, violationId);
    const v = await lockViolation(tx, violationId);
    if (!v || v.shopId !== shopId) throw notFound('violation', violationId);
    // The machine refuses anything but a warned violation; its guard, a closed fix window.
    const change = { actorId: principal.userId, note: 'fixed by the merchant within the window', now };
    await moveViolation(tx, v, 'fixed', change);
    await endActiveWarnings(tx, violationId, change);
    return getViolationView(tx, violationId);
  });
}
