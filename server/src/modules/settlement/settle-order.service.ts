import type { Tx } from '../../platform/db.ts';
import { scheduleDeadline } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { accounts, type PostingInput, postEntry } from '../ledger/index.ts';
import { commissionLinesOf, lockOrderForMoney, orderShopAndState } from '../orders/index.ts';
import { refundedFen as refundedFenOf } from '../payments/index.ts';
import { SETTLE_ORDER } from './deadline-kinds.ts';
import { depositWithholding } from './deposit-withholding.rule.ts';
import { recordSettlement, refreshFrozenSettlement, settleFrozenSettlement } from './settlement.store.ts';
import type { SettlementsTable } from './settlement.tables.ts';
import { settlementHooks } from './settlement-hooks.ts';
import { splitSettlement } from './settlement-split.rule.ts';
import { shopPosition } from './shop-position.service.ts';

export type SettleOutcome =
  /** Not completed (yet), its after-sales window is still open (then settlement is rescheduled), or
   * an after-sales request is open (closing it schedules settlement again). */
  { status: 'not_due' } | { status: 'frozen' | 'settled'; settlementId: number };

type SettleSettings = Pick<Settings, 'settlementDelayMs' | 'zeroDepositWithholdBp'>;

/**
 * Settles a completed order whose after-sales window has passed, inside the caller's transaction
 * (product rules §2): one balanced entry takes what is left in escrow for it (paid minus refunds) to the
 * platform's commission, the live host's commission, the merchant's available balance and, for a
 * zero-deposit shop still short, its deposit (§3); the platform's subsidy adds the platform coupon's
 * discount of what was not refunded (§9). Exactly once: a settled order is left alone, and
 * the entry's key is `settle:<orderId>`. A held shop gets a 'frozen' settlement, settled on release.
 */
export async function settleOrder(
  tx: Tx,
  orderId: number,
  now: Date,
  settings: SettleSettings,
): Promise<SettleOutcome> {
  const peek = await orderShopAndState(tx, orderId);
  if (!peek) return { status: 'not_due' };
  // Shop status lock before the order row: the order every money operation of a shop follows.
  const position = await shopPosition(tx, peek.shopId, now, { tx });
  const order = await lockOrderForMoney(tx, orderId);
  if (order.state !== 'completed' || order.completedAt === null) return { status: 'not_due' };
  const dueAt = new Date(order.completedAt.getTime() + settings.settlementDelayMs);
  if (now < dueAt) {
    await scheduleDeadline(tx, { kind: SETTLE_ORDER, subjectId: orderId, dueAt });
    return { status: 'not_due' };
  }
  // product rules §5: money stays in escrow while an after-sales request is open; closing the request
  // schedules settlement again.
  if (await settlementHooks().hasOpenRequest(tx, orderId)) return { status: 'not_due' };
  const existing = await tx
    .selectFrom('settlements')
    .select(['id', 'state', 'createdAt', 'frozenAt'])
    .where('orderId', '=', orderId)
    .executeTakeFirst();
  if (existing?.state === 'settled') return { status: 'settled', settlementId: existing.id };

  const lines = await commissionLinesOf(tx, orderId);
  // Refunds still being paid are already promised out of escrow: they come off too. Not counted: a
  // late duplicate payment's refund (cause 'payment': its money came into escrow apart from the
  // order's) and refunds whose money was moved into escrow first (clawback, deposit).
  const refundedFen = await refundedFenOf(tx, { orderId, source: 'escrow', exceptDuplicatePayments: true });
  const split = splitSettlement({
    paidFen: order.totalFen,
    refundedFen,
    lines,
    hasCreator: order.hostUserId !== null,
    platformDiscountFen: order.platformDiscountFen,
  });
  const withheld = depositWithholding({
    merchantFen: split.merchantFen,
    withholdBp: settings.zeroDepositWithholdBp,
    zeroDepositEligible: position.zeroDepositEligible,
    depositFen: position.depositFen,
    requiredFen: position.requiredFen,
  });
  const row: Omit<SettlementsTable, 'id' | 'ledgerEntryId'> = {
    orderId,
    shopId: order.shopId,
    state: position.hold ? 'frozen' : 'settled',
    holdReason: position.hold,
    paidFen: order.totalFen,
    refundedFen,
    platformCommissionFen: split.platformCommissionFen,
    creatorUserId: split.creatorCommissionFen > 0 ? order.hostUserId : null,
    creatorCommissionFen: split.creatorCommissionFen,
    depositWithheldFen: withheld,
    merchantFen: split.merchantFen - withheld,
    subsidyFen: split.subsidyFen,
    createdAt: existing?.createdAt ?? now,
    // kept once set: a released settlement still shows when it was frozen
    frozenAt: existing?.frozenAt ?? (position.hold ? now : null),
    settledAt: position.hold ? null : now,
  };

  let ledgerEntryId: number | null = null;
  if (!position.hold) {
    const postings: PostingInput[] = [
      { account: accounts.escrow, amountFen: -split.settledFen },
      // §9: the platform coupon's discount of what was not refunded, paid by the platform
      { account: accounts.platformSubsidy, amountFen: -split.subsidyFen },
      { account: accounts.platformCommissionRevenue, amountFen: row.platformCommissionFen },
      ...(row.creatorUserId === null
        ? []
        : [{ account: accounts.creatorCommission(row.creatorUserId), amountFen: row.creatorCommissionFen }]),
      { account: accounts.merchantAvailable(order.shopId), amountFen: row.merchantFen },
      { account: accounts.merchantDeposit(order.shopId), amountFen: withheld },
    ].filter((p) => p.amountFen !== 0);
    // A fully refunded order settles with nothing to move.
    if (postings.length >= 2) {
      const entry = await postEntry(tx, {
        idempotencyKey: `settle:${orderId}`,
        kind: 'settlement',
        cause: { type: 'order', id: orderId },
        at: now,
        postings,
      });
      ledgerEntryId = entry.id;
    }
  }
  // Through the settlement machine: recorded once; a frozen one settles, or stays frozen with its
  // amounts worked out again while still held.
  const { orderId: _, state, ...values } = { ...row, ledgerEntryId };
  const facts = { hold: position.hold };
  const settlementId = !existing
    ? await recordSettlement(tx, orderId, state, values, facts)
    : state === 'settled'
      ? await settleFrozenSettlement(tx, orderId, values, facts)
      : await refreshFrozenSettlement(tx, orderId, values);
  return { status: state, settlementId };
}

/**
 * Settles a shop's frozen settlements if nothing holds them any more (a governance freeze ended or was
 * reversed), inside the caller's transaction; takes the shop's status lock. Returns how many.
 */
export async function releaseIfUnheld(
  tx: Tx,
  shopId: number,
  now: Date,
  settings: SettleSettings,
): Promise<number> {
  const position = await shopPosition(tx, shopId, now, { tx });
  return position.hold ? 0 : releaseFrozenSettlements(tx, shopId, now, settings);
}

/**
 * Settles a shop's frozen settlements once its hold has lifted (a deposit payment, a top-up), inside
 * the caller's transaction, which holds the shop's status lock. Returns how many were settled.
 */
export async function releaseFrozenSettlements(
  tx: Tx,
  shopId: number,
  now: Date,
  settings: SettleSettings,
): Promise<number> {
  const frozen = await tx
    .selectFrom('settlements')
    .select('orderId')
    .where('shopId', '=', shopId)
    .where('state', '=', 'frozen')
    .orderBy('id')
    .execute();
  let released = 0;
  for (const { orderId } of frozen) {
    const outcome = await settleOrder(tx, orderId, now, settings);
    if (outcome.status === 'settled') released++;
    else break; // still held: the rest are too
  }
  return released;
}
