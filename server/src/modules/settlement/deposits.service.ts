import type { Principal } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { Fen } from '../../platform/money.ts';
import { type IdempotentOutcome, runIdempotent } from '../../platform/run-idempotent.ts';
import { cancelDeadline } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { accounts, postEntry } from '../ledger/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { DEPOSIT_TOP_UP } from './deadline-kinds.ts';
import { releaseFrozenSettlements } from './settle-order.service.ts';
import { clearTopUp, freezeShopSettlement, unfreezeShopSettlement } from './settlement.store.ts';
import { type ShopPosition, shopPosition } from './shop-position.service.ts';
import type { WithdrawalRequest } from './withdrawals.service.ts';

export interface DepositPaymentView {
  id: number;
  shopId: number;
  amountFen: Fen;
  provider: string;
  providerRef: string | null;
  createdAt: Date;
  /** The deposit after this payment. */
  depositFen: Fen;
  /** Frozen settlements this payment released. */
  releasedSettlements: number;
}

type DepositSettings = Pick<Settings, 'settlementDelayMs' | 'zeroDepositWithholdBp'>;

/**
 * The owner pays into the shop's deposit (sandbox: the charge succeeds at once). When that brings the
 * deposit to what is owed, a pending top-up is done, a freeze lifts and frozen settlements settle.
 */
export async function payDeposit(
  db: Db,
  principal: Principal,
  shopId: number,
  request: WithdrawalRequest,
  settings: DepositSettings,
): Promise<IdempotentOutcome<DepositPaymentView>> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  const key = {
    userId: principal.userId,
    key: request.idempotencyKey,
    hash: `deposit:pay:${shopId}:${request.amountFen}`,
  };
  return runIdempotent(db, key, async (tx) => {
    const { now, amountFen } = request;
    await shopPosition(tx, shopId, now, { tx });
    const row = await tx
      .insertInto('depositPayments')
      .values({ shopId, paidBy: principal.userId, amountFen, provider: 'sandbox', createdAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const entry = await postEntry(tx, {
      idempotencyKey: `deposit_payment:${row.id}`,
      kind: 'deposit_payment',
      cause: { type: 'deposit_payment', id: row.id },
      at: now,
      postings: [
        { account: accounts.paymentProvider, amountFen: -amountFen },
        { account: accounts.merchantDeposit(shopId), amountFen },
      ],
    });
    const payment = await tx
      .updateTable('depositPayments')
      .set({ ledgerEntryId: entry.id, providerRef: `sandbox-deposit-${row.id}` })
      .where('id', '=', row.id)
      .returning(['id', 'shopId', 'amountFen', 'provider', 'providerRef', 'createdAt'])
      .executeTakeFirstOrThrow();
    const released = await afterDepositRaised(tx, shopId, now, settings);
    return { ...payment, depositFen: released.position.depositFen, releasedSettlements: released.count };
  });
}

/**
 * Under the shop's status lock: a pending top-up or a top-up freeze ends once the deposit is back to
 * its target; then, if nothing holds settlement any more, frozen settlements are settled.
 */
async function afterDepositRaised(
  tx: Tx,
  shopId: number,
  now: Date,
  settings: DepositSettings,
): Promise<{ position: ShopPosition; count: number }> {
  let position = await shopPosition(tx, shopId, now, { tx });
  const { status } = position;
  const owed = position.zeroDepositEligible
    ? status.topUpTargetFen
    : Math.max(status.topUpTargetFen, position.requiredFen);
  const topUpOpen = status.topUpDueAt !== null || status.state === 'frozen' || status.topUpTargetFen > 0;
  if (topUpOpen && position.depositFen >= owed) {
    if (status.state === 'frozen') {
      await unfreezeShopSettlement(tx, shopId, {
        depositFen: position.depositFen,
        owedFen: owed,
        topUpDueAt: status.topUpDueAt,
        now,
      });
    } else {
      await clearTopUp(tx, shopId, now);
    }
    await cancelDeadline(tx, DEPOSIT_TOP_UP, shopId);
    position = await shopPosition(tx, shopId, now, { tx });
  }
  const count = position.hold ? 0 : await releaseFrozenSettlements(tx, shopId, now, settings);
  return { position, count };
}

/** The deadline's action: a top-up not done in time freezes the shop's settlement (product rules §3). */
export async function enforceDepositTopUp(tx: Tx, shopId: number, now: Date): Promise<void> {
  const position = await shopPosition(tx, shopId, now, { tx });
  const { status } = position;
  if (status.topUpDueAt === null || status.state === 'frozen') return;
  const facts = {
    depositFen: position.depositFen,
    owedFen: status.topUpTargetFen,
    topUpDueAt: status.topUpDueAt,
    now,
  };
  if (facts.depositFen >= facts.owedFen) await clearTopUp(tx, shopId, now);
  else await freezeShopSettlement(tx, shopId, 'deposit_not_topped_up', facts);
}
