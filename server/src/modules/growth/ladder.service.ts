import type { Executor } from '../../platform/db.ts';
import { ISSUED, postCredits, shopAccount } from './credits.service.ts';
import { ladderFacts } from './facts.service.ts';
import { notOnLadder, stepNotDone } from './growth.errors.ts';
import { ladderProgress, newlyCompleted } from './ladder.rule.ts';
import { programmeVersion, versionInForce } from './programmes.service.ts';

/** Shops join 新商启航 in their first 90 days (product rules §7.5). */
export const LADDER_FOR_DAYS = 90;
const DAY_MS = 86_400_000;

/** Whether a shop opened at `createdAt` may still join the ladder at `now`. */
export const mayJoinLadder = (createdAt: Date, now: Date) =>
  now.getTime() - createdAt.getTime() < LADDER_FOR_DAYS * DAY_MS;

/**
 * Brings the ladder of the given shops up to date from their facts: a young shop not yet on it joins
 * the version in force now (and is measured against it to the end); steps now met are completed once
 * (their reward waits to be claimed). Returns the codes completed now per shop. Inside a transaction.
 */
export async function evaluateLadder(
  tx: Executor,
  shops: readonly { id: number; createdAt: Date }[],
  now: Date,
): Promise<Map<number, string[]>> {
  const young = shops.filter((s) => mayJoinLadder(s.createdAt, now));
  if (young.length > 0) {
    const current = await versionInForce(tx, 'new_merchant', now);
    await tx
      .insertInto('growthEnrolments')
      .values(young.map((s) => ({ shopId: s.id, versionId: current.id, enrolledAt: now })))
      .onConflict((oc) => oc.column('shopId').doNothing())
      .execute();
  }
  const ids = shops.map((s) => s.id);
  const completedNow = new Map<number, string[]>();
  if (ids.length === 0) return completedNow;
  const enrolments = await tx.selectFrom('growthEnrolments').selectAll().where('shopId', 'in', ids).execute();
  if (enrolments.length === 0) return completedNow;
  const done = await tx
    .selectFrom('growthStepCompletions')
    .select(['shopId', 'versionId', 'stepCode'])
    .where('shopId', 'in', ids)
    .execute();
  const facts = await ladderFacts(
    tx,
    enrolments.map((e) => e.shopId),
    now,
  );
  const doneBy = new Map<string, Set<string>>();
  for (const d of done) {
    const key = `${d.shopId}:${d.versionId}`;
    doneBy.set(key, (doneBy.get(key) ?? new Set()).add(d.stepCode));
  }
  const versions = new Map<number, Awaited<ReturnType<typeof programmeVersion>>>();
  const rows: { shopId: number; versionId: number; stepCode: string; measured: number; completedAt: Date }[] =
    [];
  for (const e of enrolments) {
    let version = versions.get(e.versionId);
    if (!version) {
      version = await programmeVersion(tx, e.versionId);
      versions.set(e.versionId, version);
    }
    const before = doneBy.get(`${e.shopId}:${e.versionId}`) ?? new Set<string>();
    const progress = ladderProgress(version.steps, facts.get(e.shopId)!, before);
    const fresh = newlyCompleted(progress, before);
    if (fresh.length === 0) continue;
    for (const code of fresh) {
      const measured = progress.find((p) => p.code === code)!.measured;
      rows.push({ shopId: e.shopId, versionId: e.versionId, stepCode: code, measured, completedAt: now });
    }
    completedNow.set(e.shopId, fresh);
  }
  // one statement for the whole batch; a step completed meanwhile by another evaluation stays as it was
  if (rows.length > 0) {
    await tx
      .insertInto('growthStepCompletions')
      .values(rows)
      .onConflict((oc) => oc.columns(['shopId', 'versionId', 'stepCode']).doNothing())
      .execute();
  }
  return completedNow;
}

/**
 * 领取奖励: grants a completed step's exposure credits to the shop, exactly once (the completion row is
 * locked, and the credit entry's key is `ladder:<shop>:<version>:<step>`). Claiming again answers the
 * same result. Inside a transaction; the caller checked the shop member.
 */
export async function claimStepReward(
  tx: Executor,
  shop: { id: number; createdAt: Date },
  stepCode: string,
  now: Date,
): Promise<{ step: string; credits: number; claimedAt: Date }> {
  await evaluateLadder(tx, [shop], now);
  const enrolment = await tx
    .selectFrom('growthEnrolments')
    .selectAll()
    .where('shopId', '=', shop.id)
    .executeTakeFirst();
  if (!enrolment) throw notOnLadder();
  const completion = await tx
    .selectFrom('growthStepCompletions')
    .selectAll()
    .where('shopId', '=', shop.id)
    .where('versionId', '=', enrolment.versionId)
    .where('stepCode', '=', stepCode)
    .forUpdate()
    .executeTakeFirst();
  if (!completion) throw stepNotDone(stepCode);
  const version = await programmeVersion(tx, enrolment.versionId);
  const credits = version.steps.find((s) => s.code === stepCode)!.rewardCredits;
  if (completion.claimedAt) return { step: stepCode, credits, claimedAt: completion.claimedAt };
  const { entryId } = await postCredits(tx, {
    idempotencyKey: `ladder:${shop.id}:${enrolment.versionId}:${stepCode}`,
    kind: 'ladder_reward',
    cause: { type: 'shop', id: shop.id },
    memo: stepCode,
    at: now,
    postings: [
      { account: ISSUED, amount: -credits },
      { account: shopAccount(shop.id), amount: credits },
    ],
  });
  await tx
    .updateTable('growthStepCompletions')
    .set({ claimedAt: now, creditEntryId: entryId })
    .where('shopId', '=', shop.id)
    .where('versionId', '=', enrolment.versionId)
    .where('stepCode', '=', stepCode)
    .where('claimedAt', 'is', null)
    .execute();
  return { step: stepCode, credits, claimedAt: now };
}
