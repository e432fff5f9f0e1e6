import type { Tx } from '../../platform/db.ts';
import type { DeadlineHandlers } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { linesOfOrders, lockOrderForFulfilment, orderForFulfilment } from '../orders/index.ts';
import { AUTO_CONFIRM, SHIP_BY } from './deadline-kinds.ts';
import {
  type FulfilmentHooks,
  noFulfilmentHooks,
  recordIncident,
  shipmentOfOrder,
} from './fulfilment-hooks.ts';
import { completeOrder } from './receipt.service.ts';
import { remainderToShip } from './to-ship.rule.ts';

export function fulfilmentDeadlineHandlers(
  settings: Settings,
  hooks: FulfilmentHooks = noFulfilmentHooks,
): DeadlineHandlers {
  return {
    // product rules §2: 48 h after payment the order should be shipped; §5 (晚发立赔, extended to carrier
    // pickup) compensates when no carrier has picked it up by then.
    [SHIP_BY]: async (tx, deadline, { now }) => shipByPassed(tx, deadline.subjectId, now, hooks),
    // product rules §2: receipt auto-confirms 10 days after delivery.
    [AUTO_CONFIRM]: async (tx, deadline, { now }) => {
      const order = await lockOrderForFulfilment(tx, deadline.subjectId);
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

async function shipByPassed(tx: Tx, orderId: number, now: Date, hooks: FulfilmentHooks): Promise<void> {
  // No row locks: a pickup cancels this deadline and so waits for the batch that fires it; what is seen
  // here (not shipped, or shipped but not picked up) was so when the promise passed.
  const order = await orderForFulfilment(tx, orderId);
  if (!order?.shipByAt || (order.state !== 'paid' && order.state !== 'shipped')) return;
  const shipment = await shipmentOfOrder(tx, orderId);
  if (shipment && shipment.status !== 'created') return;
  // Every unit refunded before shipment: nothing was to be shipped, so no promise was broken.
  if (!shipment && (await nothingToShip(tx, orderId, order.totalFen, hooks))) return;
  const promised = order.shipByAt.toISOString();
  await recordIncident(tx, {
    orderId,
    kind: 'ship_by_missed',
    promisedAt: order.shipByAt,
    details: shipment
      ? `shipped but not picked up by the carrier by the promised ${promised}`
      : `not shipped by the promised ${promised}`,
    at: now,
  });
  await hooks.shipByMissed(tx, { orderId, at: now });
}

async function nothingToShip(tx: Tx, orderId: number, totalFen: number, hooks: FulfilmentHooks) {
  const refunded = await hooks.refundedLines(tx, [orderId]);
  if (refunded.length === 0) return false;
  return remainderToShip({ totalFen }, await linesOfOrders(tx, [orderId]), refunded).nothingToShip;
}
