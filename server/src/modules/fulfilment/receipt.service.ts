import type { Principal } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { cancelDeadline, scheduleDeadline } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { type Actor, type MovedOrder, moveOrder } from '../orders/index.ts';
import { AUTO_CONFIRM, SETTLE_ORDER } from './deadline-kinds.ts';
import { type FulfilmentView, fulfilmentView, requireBuyerOrder } from './fulfilment-read.service.ts';

/**
 * Completes a shipped or delivered order (receipt confirmed by the buyer, or automatically), inside the
 * caller's transaction: the auto-confirm deadline is dropped and settlement is scheduled after the
 * after-sales window (product rules §2). Throws `invalid_transition` (409) from any other state.
 */
export async function completeOrder(
  tx: Tx,
  input: { orderId: number; actor: Actor; at: Date; note: string },
  settings: Pick<Settings, 'settlementDelayMs'>,
): Promise<MovedOrder> {
  const { orderId, at } = input;
  const moved = await moveOrder(tx, {
    orderId,
    to: 'completed',
    actor: input.actor,
    at,
    note: input.note,
    set: { completedAt: at },
  });
  await cancelDeadline(tx, AUTO_CONFIRM, orderId);
  await scheduleDeadline(tx, {
    kind: SETTLE_ORDER,
    subjectId: orderId,
    dueAt: new Date(at.getTime() + settings.settlementDelayMs),
  });
  return moved;
}

/** The buyer confirms receipt of their own order, shipped or delivered; others' orders answer 404. */
export async function confirmReceipt(
  db: Db,
  principal: Principal,
  orderId: number,
  at: Date,
  settings: Settings,
): Promise<FulfilmentView> {
  return db.transaction().execute(async (tx) => {
    await requireBuyerOrder(tx, principal.userId, orderId);
    // Deadline row before order row, as the deadline runner locks them (no deadlock with auto-confirm).
    await cancelDeadline(tx, AUTO_CONFIRM, orderId);
    await completeOrder(
      tx,
      { orderId, actor: { kind: 'buyer', id: principal.userId }, at, note: 'receipt confirmed by the buyer' },
      settings,
    );
    return fulfilmentView(tx, orderId);
  });
}
