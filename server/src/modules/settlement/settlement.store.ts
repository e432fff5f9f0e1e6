import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { checkGuard, transitionRow } from '../../platform/state-machine.ts';
import {
  SETTLEMENT_START,
  type SettlementFacts,
  type ShopStatusFacts,
  settlementGuards,
  settlementTransitions,
  shopSettlementGuards,
  shopSettlementTransitions,
} from './settlement.machine.ts';
import type { SettlementsTable, StoredFreezeReason } from './settlement.tables.ts';

/**
 * The one way settlements and a shop's settlement status are created and change state: each move is
 * checked against its machine (settlement.machine.ts) and its guard, and updates only a row still in
 * the state it was read in (0 rows is a 409, never a silent overwrite). Both records pass each state
 * once or keep their history in columns (`frozen_at`, `settled_at`, `freeze_reason`): no timeline table.
 * Callers hold the shop's status lock (shop-position.service.ts).
 */

type SettlementValues = Omit<Insertable<SettlementsTable>, 'id' | 'orderId' | 'state'>;

/** Records an order's first settlement, frozen or settled. */
export async function recordSettlement(
  tx: Tx,
  orderId: number,
  state: SettlementsTable['state'],
  values: SettlementValues,
  facts: SettlementFacts,
): Promise<number> {
  if (!SETTLEMENT_START.includes(state)) {
    throw new AppError('invalid_transition', `a settlement cannot start ${state}`, { to: state });
  }
  if (state === 'settled') checkGuard(settlementGuards, state, facts);
  const row = await tx
    .insertInto('settlements')
    .values({ ...values, orderId, state })
    .onConflict((oc) => oc.column('orderId').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', `order ${orderId} already has a settlement`, { orderId });
  return row.id;
}

/** A frozen settlement still held: its amounts are worked out again (refunds meanwhile), it stays frozen. */
export async function refreshFrozenSettlement(
  tx: Tx,
  orderId: number,
  values: Updateable<SettlementsTable>,
): Promise<number> {
  const row = await tx
    .updateTable('settlements')
    .set({ ...values, state: 'frozen' })
    .where('orderId', '=', orderId)
    .where('state', '=', 'frozen')
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    throw new AppError('conflict', `the settlement of order ${orderId} is not frozen`, {
      orderId,
      from: 'frozen',
    });
  }
  return row.id;
}

/** A frozen settlement settles once nothing holds the shop (frozen → settled). */
export async function settleFrozenSettlement(
  tx: Tx,
  orderId: number,
  values: Updateable<SettlementsTable>,
  facts: SettlementFacts,
): Promise<number> {
  checkGuard(settlementGuards, 'settled', facts);
  const row = await transitionRow(tx, 'settlements', {
    machine: settlementTransitions,
    what: `settlement of order ${orderId}`,
    key: { orderId },
    from: 'frozen',
    to: 'settled',
    set: values,
  });
  return row.id;
}

/** A top-up that fell due unpaid freezes the shop's settlement (open → frozen). */
export async function freezeShopSettlement(
  tx: Tx,
  shopId: number,
  reason: StoredFreezeReason,
  facts: ShopStatusFacts,
): Promise<void> {
  checkGuard(shopSettlementGuards, 'frozen', facts);
  await transitionRow(tx, 'shopSettlementStatus', {
    machine: shopSettlementTransitions,
    what: `settlement status of shop ${shopId}`,
    key: { shopId },
    from: 'open',
    to: 'frozen',
    set: { freezeReason: reason, frozenAt: facts.now, topUpDueAt: null, updatedAt: facts.now },
  });
}

/** A deposit back to what is owed opens a frozen shop's settlement and ends its top-up (frozen → open). */
export async function unfreezeShopSettlement(tx: Tx, shopId: number, facts: ShopStatusFacts): Promise<void> {
  checkGuard(shopSettlementGuards, 'open', facts);
  await transitionRow(tx, 'shopSettlementStatus', {
    machine: shopSettlementTransitions,
    what: `settlement status of shop ${shopId}`,
    key: { shopId },
    from: 'frozen',
    to: 'open',
    set: { freezeReason: null, frozenAt: null, topUpDueAt: null, topUpTargetFen: 0, updatedAt: facts.now },
  });
}

/** An open shop's pending top-up is done (or no longer owed): no state change, the top-up is cleared. */
export async function clearTopUp(tx: Tx, shopId: number, now: Date): Promise<void> {
  const row = await tx
    .updateTable('shopSettlementStatus')
    .set({ topUpDueAt: null, topUpTargetFen: 0, updatedAt: now })
    .where('shopId', '=', shopId)
    .where('state', '=', 'open')
    .returning('shopId')
    .executeTakeFirst();
  if (!row) {
    throw new AppError('conflict', `the settlement status of shop ${shopId} is not open`, {
      shopId,
      from: 'open',
    });
  }
}
