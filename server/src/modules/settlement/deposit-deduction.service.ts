import type { Tx } from '../../platform/db.ts';
import type { Fen } from '../../platform/money.ts';
import { scheduleDeadline } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { type AccountRef, accounts, type Cause, postEntry } from '../ledger/index.ts';
import { DEPOSIT_TOP_UP } from './deadline-kinds.ts';
import { shopPosition } from './shop-position.service.ts';
import { topUpTarget } from './top-up-target.rule.ts';

export interface DepositDeduction {
  shopId: number;
  /** What to take: a fine, compensation owed to a buyer... */
  amountFen: Fen;
  /** The record that asks for it; one deduction per cause, so asking twice deducts once. */
  cause: Cause;
  reason: string;
  /** Where the money goes: `accounts.compensationPayable` for a buyer, platform revenue for a fine... */
  to: AccountRef;
  now: Date;
}

export interface DeductionResult {
  deductionId: number;
  deductedFen: Fen;
  /** What the deposit did not hold; the caller covers it otherwise. */
  shortfallFen: Fen;
  /** Set when the deposit was left below what it must be: top up by then, else settlement freezes. */
  topUpDueAt: Date | null;
  /** True when this cause had already been deducted and nothing was written now. */
  replayed: boolean;
}

/**
 * Takes a fine or compensation from a shop's deposit, inside the caller's transaction (product rules §3:
 * deposits pay when balances fall short). Takes at most what the deposit holds. If the deposit is
 * left below the requirement, the shop has `depositTopUpMs` (7 days) to pay it back, else its
 * settlement freezes (deadline `settlement.deposit_top_up`).
 */
export async function deductDeposit(
  tx: Tx,
  input: DepositDeduction,
  settings: Pick<Settings, 'depositTopUpMs'>,
): Promise<DeductionResult> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw new RangeError(`deduction amount must be a positive safe integer of fen, got ${input.amountFen}`);
  }
  if (input.to.owner !== null || input.to.type === 'external') {
    throw new RangeError(`a deduction goes to a platform account inside the ledger, not ${input.to.code}`);
  }
  const { shopId, now } = input;
  const before = await shopPosition(tx, shopId, now, { tx });
  const earlier = await tx
    .selectFrom('depositDeductions')
    .select(['id', 'requestedFen', 'deductedFen'])
    .where('causeType', '=', input.cause.type)
    .where('causeId', '=', input.cause.id)
    .executeTakeFirst();
  if (earlier) {
    return {
      deductionId: earlier.id,
      deductedFen: earlier.deductedFen,
      shortfallFen: earlier.requestedFen - earlier.deductedFen,
      topUpDueAt: before.status.topUpDueAt,
      replayed: true,
    };
  }
  const deductedFen = Math.min(input.amountFen, before.depositFen);
  const row = await tx
    .insertInto('depositDeductions')
    .values({
      shopId,
      requestedFen: input.amountFen,
      deductedFen,
      counterAccount: input.to.code,
      causeType: input.cause.type,
      causeId: input.cause.id,
      reason: input.reason,
      createdAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (deductedFen > 0) {
    const entry = await postEntry(tx, {
      idempotencyKey: `deposit_deduction:${row.id}`,
      kind: 'deposit_deduction',
      cause: { type: 'deposit_deduction', id: row.id },
      memo: input.reason.slice(0, 500),
      at: now,
      postings: [
        { account: accounts.merchantDeposit(shopId), amountFen: -deductedFen },
        { account: input.to, amountFen: deductedFen },
      ],
    });
    await tx
      .updateTable('depositDeductions')
      .set({ ledgerEntryId: entry.id })
      .where('id', '=', row.id)
      .execute();
  }

  const depositAfter = before.depositFen - deductedFen;
  const target = topUpTarget({
    zeroDepositEligible: before.zeroDepositEligible,
    requiredFen: before.requiredFen,
    depositBeforeFen: before.depositFen,
    pendingTargetFen: before.status.topUpTargetFen,
  });
  let topUpDueAt = before.status.topUpDueAt;
  if (depositAfter < before.requiredFen && depositAfter < target) {
    // A shop already held gets no grace: it stays held until it pays, now up to the new target.
    if (before.hold === null) topUpDueAt ??= new Date(now.getTime() + settings.depositTopUpMs);
    await tx
      .updateTable('shopSettlementStatus')
      .set({ topUpDueAt, topUpTargetFen: target, updatedAt: now })
      .where('shopId', '=', shopId)
      .execute();
    if (topUpDueAt)
      await scheduleDeadline(tx, { kind: DEPOSIT_TOP_UP, subjectId: shopId, dueAt: topUpDueAt });
  }
  return {
    deductionId: row.id,
    deductedFen,
    shortfallFen: input.amountFen - deductedFen,
    topUpDueAt,
    replayed: false,
  };
}
