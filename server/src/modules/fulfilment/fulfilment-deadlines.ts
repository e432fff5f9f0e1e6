import type { Tx } from '../../platform/db.ts';
import type { DeadlineHandlers } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { AUTO_CONFIRM, SHIP_BY } from './deadline-kinds.ts';
import { completeOrder } from './receipt.service.ts';

export function fulfilmentDeadlineHandlers(settings: Settings): DeadlineHandlers {
  return {
    // DOMAIN.md §2: 48 h after payment the order should be shipped; §5 compensates when it was not.
    [SHIP_BY]: async (tx, deadline, { now }) => recordShipByMissed(tx, deadline.subjectId, now),
    // DOMAIN.md §2: receipt auto-confirms 10 days after delivery.
    [AUTO_CONFIRM]: async (tx, deadline, { now }) => {
      const order = await tx
        .selectFrom('orders')
        .select('state')
        .where('id', '=', deadline.subjectId)
        .forUpdate()
        .executeTakeFirst();
      if (order?.state !== 'delivered') return;
      await completeOrder(
        tx,
        {
          orderId: deadline.subjectId,
          actor: { kind: 'system', id: null },
          at: now,
          note: 'receipt confirmed automatically after delivery',
        },
        settings,
      );
    },
  };
}

async function recordShipByMissed(tx: Tx, orderId: number, now: Date): Promise<void> {
  // No row lock: shipping takes the deadline row first and waits for this batch, so an order seen
  // paid here was not shipped by the promise, whatever commits after.
  const order = await tx
    .selectFrom('orders')
    .select(['state', 'shipByAt'])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (order?.state !== 'paid' || !order.shipByAt) return;
  await tx
    .insertInto('fulfilmentIncidents')
    .values({
      orderId,
      kind: 'ship_by_missed',
      promisedAt: order.shipByAt,
      details: `not shipped by the promised ${order.shipByAt.toISOString()}`,
      at: now,
    })
    .onConflict((oc) => oc.columns(['orderId', 'kind']).doNothing())
    .execute();
}
