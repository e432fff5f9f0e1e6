import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type IdempotentOutcome, runIdempotent } from '../../platform/run-idempotent.ts';
import { notify } from '../audience/index.ts';
import { currentConfig } from '../configuration/index.ts';
import { accounts, postEntry } from '../ledger/index.ts';
import { grantPlatformCoupon } from '../promotions/index.ts';
import type { CompensationKind } from './care.tables.ts';
import { lockOwnCase } from './cases.service.ts';
import { compensationRefusal } from './compensation-cap.rule.ts';

/** The notification that tells the buyer what the platform gave them. */
export const CARE_COMPENSATION_NOTIFICATION = 'care_compensation';

export interface CompensationInput {
  kind: CompensationKind;
  amountFen: number;
}

export interface CompensationView {
  id: number;
  caseId: number;
  kind: CompensationKind;
  amountFen: number;
  buyerCouponId: number | null;
  budgetDay: string;
  at: Date;
  /** What the case and the day have left under their caps after this one. */
  caseLeftFen: number;
  dayLeftFen: number;
}

/** The platform's local date of a moment ('YYYY-MM-DD'), the day whose budget a compensation uses. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * product rules §8.6: the ops user holding a case compensates the buyer in place, once per
 * Idempotency-Key (a replay answers the first result and moves nothing): a platform-funded coupon
 * (promotions) or cash (one balanced ledger entry, care goodwill → payout, keyed by the compensation).
 * Caps, coupons and cash together: the case's total (the case row is locked, so a case's compensations
 * queue) and the local day's total (one conditional update of the day's budget row, so concurrent
 * compensations in any process never pass it).
 */
export async function compensateCase(
  db: Db,
  principal: Principal,
  caseId: number,
  input: CompensationInput,
  idempotencyKey: string,
  clock: { now(): Date },
  timeZone: string,
): Promise<IdempotentOutcome<CompensationView>> {
  const request = {
    userId: principal.userId,
    key: idempotencyKey,
    hash: `care:compensate:${caseId}:${input.kind}:${input.amountFen}`,
  };
  return runIdempotent(db, request, (tx) => compensate(tx, principal, caseId, input, clock.now(), timeZone));
}

async function compensate(
  tx: Tx,
  principal: Principal,
  caseId: number,
  input: CompensationInput,
  now: Date,
  timeZone: string,
): Promise<CompensationView> {
  const row = await lockOwnCase(tx, principal, caseId);
  const { version, config } = await currentConfig(tx);
  const caps = config.care;
  const day = localDate(now, timeZone);
  const [caseSpent, daySpent] = await Promise.all([
    tx
      .selectFrom('careCompensations')
      .select(sql<number>`coalesce(sum(amount_fen), 0)::int`.as('fen'))
      .where('caseId', '=', caseId)
      .executeTakeFirstOrThrow(),
    tx.selectFrom('careDailyBudget').select('spentFen').where('day', '=', day).executeTakeFirst(),
  ]);
  const facts = {
    amountFen: input.amountFen,
    caseSpentFen: caseSpent.fen,
    daySpentFen: daySpent?.spentFen ?? 0,
  };
  const refusal = compensationRefusal(facts, caps);
  if (refusal) throw new AppError(refusal.code, refusal.message, refusal.details ?? {});

  // The day's cap, decided by the database: the row is raised only while it stays within the cap.
  await tx
    .insertInto('careDailyBudget')
    .values({ day, spentFen: 0 })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
  const budget = await tx
    .updateTable('careDailyBudget')
    .set({ spentFen: sql`spent_fen + ${input.amountFen}` })
    .where('day', '=', day)
    .where(sql<boolean>`spent_fen + ${input.amountFen} <= ${caps.perDayCapFen}`)
    .returning('spentFen')
    .executeTakeFirst();
  if (!budget) {
    const now2 = await tx
      .selectFrom('careDailyBudget')
      .select('spentFen')
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    const again = compensationRefusal({ ...facts, daySpentFen: now2.spentFen }, caps);
    throw new AppError(
      again?.code ?? 'conflict',
      again?.message ?? 'the day cap is reached',
      again?.details ?? {},
    );
  }

  const coupon =
    input.kind === 'coupon'
      ? await grantPlatformCoupon(tx, {
          buyerId: row.buyerId,
          title: '平台关怀券',
          discountFen: input.amountFen,
          validDays: caps.couponValidDays,
          grantedBy: principal.userId,
          now,
        })
      : null;
  const saved = await tx
    .insertInto('careCompensations')
    .values({
      caseId,
      kind: input.kind,
      amountFen: input.amountFen,
      buyerCouponId: coupon?.buyerCouponId ?? null,
      budgetDay: day,
      byUser: principal.userId,
      configVersion: version,
      at: now,
    })
    .returning(['id', 'at'])
    .executeTakeFirstOrThrow();
  if (input.kind === 'cash')
    await postEntry(tx, {
      idempotencyKey: `care_compensation:${saved.id}`,
      kind: 'care_compensation',
      cause: { type: 'care_compensation', id: saved.id },
      memo: `care case ${caseId}: cash to buyer ${row.buyerId} for order ${row.orderId}`,
      at: now,
      postings: [
        { account: accounts.careGoodwill, amountFen: -input.amountFen },
        { account: accounts.payoutProvider, amountFen: input.amountFen },
      ],
    });
  await notify(
    tx,
    [row.buyerId],
    CARE_COMPENSATION_NOTIFICATION,
    { caseId, orderId: row.orderId, kind: input.kind, amountFen: input.amountFen },
    now,
  );
  return {
    id: saved.id,
    caseId,
    kind: input.kind,
    amountFen: input.amountFen,
    buyerCouponId: coupon?.buyerCouponId ?? null,
    budgetDay: day,
    at: saved.at,
    caseLeftFen: caps.perCaseCapFen - caseSpent.fen - input.amountFen,
    dayLeftFen: caps.perDayCapFen - budget.spentFen,
  };
}
