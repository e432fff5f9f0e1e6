import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import type { Fen } from '../../platform/money.ts';
import { accounts, balanceOf } from '../ledger/index.ts';
import { escrowOrdersOfShop } from '../orders/index.ts';
import { leftInEscrow } from '../payments/index.ts';
import { requireShopMember } from '../shops/index.ts';
import type { HoldReason, SettlementState } from './settlement.tables.ts';
import { shopPosition } from './shop-position.service.ts';

export interface ShopBalances {
  shopId: number;
  /** Buyers' money still in escrow for the shop's paid, unsettled orders (before commissions). */
  pendingFen: Fen;
  availableFen: Fen;
  depositFen: Fen;
  requiredDepositFen: Fen;
  /** What the deposit lacks of the requirement. */
  depositShortfallFen: Fen;
  /** The part of the deposit above the requirement. */
  withdrawableDepositFen: Fen;
  zeroDepositEligible: boolean;
  settlement: {
    state: 'open' | 'frozen';
    reason: HoldReason | null;
    /** A deduction left the deposit short: top up to `topUpTargetFen` by then, else settlement freezes. */
    topUpDueAt: Date | null;
    topUpTargetFen: Fen;
  };
}

/**
 * Pending is computed from orders, not kept in a merchant_pending account: payments capture a whole
 * order group into escrow, so escrow is not split per shop until settlement. It is each paid,
 * unsettled order's amount minus its refunds (paid or being paid).
 */
async function pendingOf(db: Executor, shopId: number): Promise<Fen> {
  const result = await sql<{ fen: number }>`
    select coalesce(sum(${leftInEscrow(sql.ref('o.id'), sql.ref('o.total_fen'))}), 0)::bigint as fen
    from (${escrowOrdersOfShop(shopId)}) o
    where not exists (select 1 from settlements s where s.order_id = o.id and s.state = 'settled')`.execute(
    db,
  );
  return result.rows[0]!.fen;
}

/** A shop's money as its members see it (product rules §2–3); other tenants get 404. */
export async function shopBalances(
  db: Executor,
  principal: Principal,
  shopId: number,
  now: Date,
): Promise<ShopBalances> {
  await requireShopMember(db, principal, shopId);
  const position = await shopPosition(db, shopId, now);
  return {
    shopId,
    pendingFen: await pendingOf(db, shopId),
    availableFen: position.availableFen,
    depositFen: position.depositFen,
    requiredDepositFen: position.requiredFen,
    depositShortfallFen: Math.max(0, position.requiredFen - position.depositFen),
    withdrawableDepositFen: Math.max(0, position.depositFen - position.requiredFen),
    zeroDepositEligible: position.zeroDepositEligible,
    settlement: {
      state: position.hold ? 'frozen' : 'open',
      reason: position.hold,
      topUpDueAt: position.status.topUpDueAt,
      topUpTargetFen: position.status.topUpTargetFen,
    },
  };
}

const settlementColumns = [
  'id',
  'orderId',
  'state',
  'holdReason',
  'paidFen',
  'refundedFen',
  'platformCommissionFen',
  'creatorCommissionFen',
  'depositWithheldFen',
  'subsidyFen',
  'merchantFen',
  'createdAt',
  'frozenAt',
  'settledAt',
] as const;

/** A shop's settlements, newest first. */
export async function listSettlements(
  db: Executor,
  principal: Principal,
  shopId: number,
  query: { state?: SettlementState; limit: number; offset: number },
) {
  await requireShopMember(db, principal, shopId);
  let base = db.selectFrom('settlements').where('shopId', '=', shopId);
  if (query.state) base = base.where('state', '=', query.state);
  const items = await base
    .select(settlementColumns)
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n), limit: query.limit, offset: query.offset };
}

export interface CommissionView {
  userId: number;
  balanceFen: Fen;
  /** Commission credited by settled orders of live rooms this account hosted. */
  earnedFen: Fen;
  withdrawnFen: Fen;
}

/** The caller's live commission: earned, withdrawn, and the balance left. */
export async function commissionOf(db: Executor, userId: number): Promise<CommissionView> {
  const earned = await db
    .selectFrom('settlements')
    .select(sql<number>`coalesce(sum(creator_commission_fen), 0)::bigint`.as('fen'))
    .where('creatorUserId', '=', userId)
    .where('state', '=', 'settled')
    .executeTakeFirstOrThrow();
  const withdrawn = await db
    .selectFrom('withdrawals')
    .select(sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('fen'))
    .where('creatorUserId', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    userId,
    balanceFen: await balanceOf(db, accounts.creatorCommission(userId)),
    earnedFen: earned.fen,
    withdrawnFen: withdrawn.fen,
  };
}
