import type { Executor, Tx } from '../../platform/db.ts';
import { applyBasisPoints, type Fen } from '../../platform/money.ts';
import { depositTermsOfShop } from '../catalog/index.ts';
import { accounts, balances } from '../ledger/index.ts';
import { shopStanding } from '../shops/index.ts';
import { depositDiscount } from './deposit-discount.ts';
import { type DepositRequirement, requiredDeposit } from './required-deposit.rule.ts';
import type { HoldReason, ShopSettlementStatusTable } from './settlement.tables.ts';
import { settlementHold } from './settlement-hold.rule.ts';

export type ShopStatus = Pick<
  ShopSettlementStatusTable,
  'shopId' | 'freezeReason' | 'frozenAt' | 'topUpDueAt'
> & { state: 'open' | 'frozen'; topUpTargetFen: Fen };

/** Where a shop stands: balances, deposit requirement, stored status, and whether settlement is held. */
export interface ShopPosition extends DepositRequirement {
  shopId: number;
  availableFen: Fen;
  depositFen: Fen;
  status: ShopStatus;
  hold: HoldReason | null;
}

const statusColumns = [
  'shopId',
  'state',
  'freezeReason',
  'frozenAt',
  'topUpDueAt',
  'topUpTargetFen',
] as const;

/**
 * Locks the shop's status row (creating it on first use) for the rest of the transaction. Every money
 * operation of a shop takes this lock first, then order rows: one order of locks, no deadlock.
 */
export async function lockShopStatus(tx: Tx, shopId: number, now: Date): Promise<ShopStatus> {
  await tx
    .insertInto('shopSettlementStatus')
    .values({ shopId, updatedAt: now })
    .onConflict((oc) => oc.column('shopId').doNothing())
    .execute();
  return tx
    .selectFrom('shopSettlementStatus')
    .select(statusColumns)
    .where('shopId', '=', shopId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

async function readShopStatus(db: Executor, shopId: number): Promise<ShopStatus> {
  const row = await db
    .selectFrom('shopSettlementStatus')
    .select(statusColumns)
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  return (
    row ?? { shopId, state: 'open', freezeReason: null, frozenAt: null, topUpDueAt: null, topUpTargetFen: 0 }
  );
}

/** The deposit a shop owes, and how: the categories' requirement before its standing's discount. */
export interface DiscountedRequirement extends DepositRequirement {
  /** What the categories ask (product rules §3) before the discount. */
  baseRequiredFen: Fen;
  /** Basis points off for the shop's standing (product rules §7.2); 0 when none. */
  discountBp: number;
}

/**
 * product rules §3: the deposit the shop owes, from the categories it sells in (catalog's terms), less
 * the discount its standing earns (§7.2, through the DepositDiscount port).
 */
export async function shopDepositRequirement(db: Executor, shopId: number): Promise<DiscountedRequirement> {
  const base = requiredDeposit(await depositTermsOfShop(db, shopId));
  const discountBp = await depositDiscount().discountBpOf(db, shopId);
  return {
    ...base,
    baseRequiredFen: base.requiredFen,
    discountBp,
    requiredFen: base.requiredFen - applyBasisPoints(base.requiredFen, discountBp),
  };
}

/** The shop's position; with `lock`, under its status lock (inside a transaction). */
export async function shopPosition(
  db: Executor,
  shopId: number,
  now: Date,
  lock?: { tx: Tx },
): Promise<ShopPosition> {
  const status = lock ? await lockShopStatus(lock.tx, shopId, now) : await readShopStatus(db, shopId);
  const requirement = await shopDepositRequirement(db, shopId);
  const held = await balances(db, [accounts.merchantAvailable(shopId), accounts.merchantDeposit(shopId)]);
  const depositFen = held.get(accounts.merchantDeposit(shopId).code)!;
  return {
    shopId,
    ...requirement,
    availableFen: held.get(accounts.merchantAvailable(shopId).code)!,
    depositFen,
    status,
    hold: settlementHold({
      storedFreeze: status.freezeReason,
      governanceFreeze: await shopStanding().isSettlementFrozen(db, shopId),
      zeroDepositEligible: requirement.zeroDepositEligible,
      depositFen,
      requiredFen: requirement.requiredFen,
      topUpDueAt: status.topUpDueAt,
      now,
    }),
  };
}
