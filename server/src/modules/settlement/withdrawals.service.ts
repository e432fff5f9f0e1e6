import type { Principal } from '../../platform/access.ts';
import type { Db, Executor, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Fen } from '../../platform/money.ts';
import { type IdempotentOutcome, runIdempotent } from '../../platform/run-idempotent.ts';
import { type AccountRef, accounts, balanceOf, postEntry } from '../ledger/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { amountTooHigh, settlementFrozen } from './settlement.errors.ts';
import type { WithdrawalSource } from './settlement.tables.ts';
import { shopPosition } from './shop-position.service.ts';

export interface WithdrawalView {
  id: number;
  source: WithdrawalSource;
  shopId: number | null;
  creatorUserId: number | null;
  amountFen: Fen;
  provider: string;
  providerRef: string | null;
  createdAt: Date;
}

export interface WithdrawalRequest {
  amountFen: Fen;
  idempotencyKey: string;
  now: Date;
}

const withdrawalColumns = [
  'id',
  'source',
  'shopId',
  'creatorUserId',
  'amountFen',
  'provider',
  'providerRef',
  'createdAt',
] as const;

// The sandbox payout provider pays at once; its reference is derived from our id, as a real
// provider's idempotent payout would be.
const PAYOUT_PROVIDER = 'sandbox';

/**
 * Pays `amountFen` out of `account` to the payout provider: a withdrawals row and its ledger entry
 * (`withdrawal:<id>`), inside the caller's transaction. The caller has checked the limits; the
 * ledger's non-negative balances still refuse a concurrent overdraft.
 */
export async function payOut(
  tx: Tx,
  input: {
    source: WithdrawalSource;
    account: AccountRef;
    shopId: number | null;
    creatorUserId: number | null;
    requestedBy: number;
    amountFen: Fen;
    limitFen: Fen;
    limitName: string;
    now: Date;
  },
): Promise<WithdrawalView> {
  if (input.amountFen > input.limitFen) throw amountTooHigh(input.limitName, input.limitFen);
  const row = await tx
    .insertInto('withdrawals')
    .values({
      source: input.source,
      shopId: input.shopId,
      creatorUserId: input.creatorUserId,
      requestedBy: input.requestedBy,
      amountFen: input.amountFen,
      provider: PAYOUT_PROVIDER,
      createdAt: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  try {
    const entry = await postEntry(tx, {
      idempotencyKey: `withdrawal:${row.id}`,
      kind: 'withdrawal',
      cause: { type: 'withdrawal', id: row.id },
      at: input.now,
      postings: [
        { account: input.account, amountFen: -input.amountFen },
        { account: accounts.payoutProvider, amountFen: input.amountFen },
      ],
    });
    return await tx
      .updateTable('withdrawals')
      .set({ ledgerEntryId: entry.id, providerRef: `sandbox-payout-${row.id}` })
      .where('id', '=', row.id)
      .returning(withdrawalColumns)
      .executeTakeFirstOrThrow();
  } catch (err) {
    // Another withdrawal took the money between our check and this entry.
    if (err instanceof AppError && err.code === 'insufficient_funds')
      throw amountTooHigh(input.limitName, input.limitFen);
    throw err;
  }
}

/**
 * The shop owner withdraws from one of the shop's accounts, unless settlement is frozen: the
 * available balance (product rules §2), or the deposit above the requirement (§3).
 */
export async function withdrawFromShop(
  db: Db,
  principal: Principal,
  shopId: number,
  request: WithdrawalRequest,
  from: 'merchant_available' | 'merchant_deposit',
): Promise<IdempotentOutcome<WithdrawalView>> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  const fromDeposit = from === 'merchant_deposit';
  const key = {
    userId: principal.userId,
    key: request.idempotencyKey,
    hash: `${fromDeposit ? 'deposit:withdraw' : 'withdraw:shop'}:${shopId}:${request.amountFen}`,
  };
  return runIdempotent(db, key, async (tx) => {
    const position = await shopPosition(tx, shopId, request.now, { tx });
    if (position.hold) throw settlementFrozen(shopId, position.hold);
    return payOut(tx, {
      source: from,
      account: fromDeposit ? accounts.merchantDeposit(shopId) : accounts.merchantAvailable(shopId),
      shopId,
      creatorUserId: null,
      requestedBy: principal.userId,
      amountFen: request.amountFen,
      limitFen: fromDeposit ? Math.max(0, position.depositFen - position.requiredFen) : position.availableFen,
      limitName: fromDeposit ? 'the deposit above the requirement' : 'the available balance',
      now: request.now,
    });
  });
}

/** A creator (or a hosting merchant) withdraws the live commission earned (product rules §2). */
export async function withdrawCommission(
  db: Db,
  principal: Principal,
  request: WithdrawalRequest,
): Promise<IdempotentOutcome<WithdrawalView>> {
  const userId = principal.userId;
  const key = { userId, key: request.idempotencyKey, hash: `withdraw:commission:${request.amountFen}` };
  return runIdempotent(db, key, async (tx) =>
    payOut(tx, {
      source: 'creator_commission',
      account: accounts.creatorCommission(userId),
      shopId: null,
      creatorUserId: userId,
      requestedBy: userId,
      amountFen: request.amountFen,
      limitFen: await balanceOf(tx, accounts.creatorCommission(userId)),
      limitName: 'the commission balance',
      now: request.now,
    }),
  );
}

/** Withdrawals of a shop (available balance and deposit excess), newest first. */
export async function listShopWithdrawals(
  db: Executor,
  shopId: number,
  page: { limit: number; offset: number },
) {
  const [items, total] = await Promise.all([
    db
      .selectFrom('withdrawals')
      .select(withdrawalColumns)
      .where('shopId', '=', shopId)
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('withdrawals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shopId', '=', shopId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), ...page };
}
