import type { Tx } from '../../../platform/db.ts';
import {
  cancelDeadline,
  type DeadlineHandlers,
  rescheduleDeadline,
  scheduleDeadline,
} from '../../../platform/scheduler/index.ts';
import type { Settings } from '../../../platform/settings.ts';
import { currentPolicy } from '../../configuration/index.ts';
import { type FulfilmentHooks, recordIncident, shipmentOfOrder } from '../../fulfilment/index.ts';
import { orderShopAndState } from '../../orders/index.ts';
import { refundedLines } from '../refunded-lines.ts';
import { FAKE_SHIPMENT_CHECK, FREIGHT_PREMIUM, LOGISTICS_STALL } from './deadline-kinds.ts';
import { chargeFreightPremium, isInsured } from './freight-insurance.service.ts';
import { compensateShipment } from './shipment-compensation.service.ts';

/**
 * After-sales' part of fulfilment (product rules §4–5), passed to fulfilment by the composition roots:
 * - shipped: the fake-shipment check (24 h), the logistics-stall watch (72 h) and, for an insured
 *   order, the freight premium (charged by the runner, which may take the shop lock first);
 * - ship-by passed without pickup: 晚发立赔, paid at once;
 * - every carrier event: movement ends the fake-shipment check and restarts the stall watch;
 *   delivery or loss ends the watch.
 * - refunded lines: what was refunded before shipment is not shipped (极速退款 of a line or units).
 * Only deadline rows are touched in fulfilment's transactions; money moves in the runner's.
 */
export function aftersalesFulfilmentHooks(settings: Settings): FulfilmentHooks {
  return {
    refundedLines,
    async shipped(tx, { orderId, at }) {
      const { policy } = await currentPolicy(tx);
      await scheduleDeadline(tx, {
        kind: FAKE_SHIPMENT_CHECK,
        subjectId: orderId,
        dueAt: new Date(at.getTime() + policy.fakeShipmentNoMovementMs),
      });
      await watchForStall(tx, orderId, new Date(at.getTime() + policy.logisticsStallMs));
      if (await isInsured(tx, orderId))
        await scheduleDeadline(tx, { kind: FREIGHT_PREMIUM, subjectId: orderId, dueAt: at });
    },
    async shipByMissed(tx, { orderId, at }) {
      await compensateShipment(tx, { orderId, kind: 'late_shipment', now: at }, settings);
    },
    async tracking(tx, { orderId, event, at }) {
      await cancelDeadline(tx, FAKE_SHIPMENT_CHECK, orderId);
      if (event === 'delivered' || event === 'lost') {
        await cancelDeadline(tx, LOGISTICS_STALL, orderId);
        return;
      }
      const { policy } = await currentPolicy(tx);
      await watchForStall(tx, orderId, new Date(at.getTime() + policy.logisticsStallMs));
    },
  };
}

/** Deadline handlers of after-sales money: fake shipment, logistics stall, freight premium. */
export function moneyDeadlineHandlers(settings: Settings): DeadlineHandlers {
  return {
    [FAKE_SHIPMENT_CHECK]: async (tx, deadline, { now }) =>
      fakeShipmentCheck(tx, deadline.subjectId, now, settings),
    [LOGISTICS_STALL]: async (tx, deadline, { now }) => stallCheck(tx, deadline.subjectId, now, settings),
    [FREIGHT_PREMIUM]: async (tx, deadline, { now }) => {
      const order = await orderShopAndState(tx, deadline.subjectId);
      if (order)
        await chargeFreightPremium(tx, { orderId: deadline.subjectId, shopId: order.shopId, now }, settings);
    },
  };
}

async function watchForStall(tx: Tx, orderId: number, dueAt: Date) {
  const request = { kind: LOGISTICS_STALL, subjectId: orderId, dueAt };
  if (!(await rescheduleDeadline(tx, request))) await scheduleDeadline(tx, request);
}

/** A shipped order whose parcel no carrier has touched since: 虚假发货 (product rules §5). */
async function fakeShipmentCheck(tx: Tx, orderId: number, now: Date, settings: Settings) {
  // A buyer who confirmed receipt has the goods: whatever the tracking says, the shipment was real.
  if (!(await isStillShipped(tx, orderId))) return;
  const shipment = await shipmentOfOrder(tx, orderId);
  if (shipment?.status !== 'created') return;
  await recordIncident(tx, {
    orderId,
    kind: 'fake_shipment',
    promisedAt: null,
    details: `waybill ${shipment.carrier} ${shipment.trackingNumber} shipped ${shipment.shippedAt.toISOString()} never moved`,
    at: now,
  });
  await compensateShipment(tx, { orderId, kind: 'fake_shipment', now }, settings);
}

/**
 * A parcel on its way with no tracking update for the stall window: the platform steps in (the product rules
 * §5, 平台主动保障). A parcel never picked up is the fake-shipment case, compensated there, not twice.
 */
async function stallCheck(tx: Tx, orderId: number, now: Date, settings: Settings) {
  if (!(await isStillShipped(tx, orderId))) return;
  const shipment = await shipmentOfOrder(tx, orderId);
  if (shipment?.status !== 'picked_up' && shipment?.status !== 'in_transit') return;
  const { policy } = await currentPolicy(tx);
  const stalledAt = new Date(shipment.lastEventAt.getTime() + policy.logisticsStallMs);
  // The window was lengthened since this was scheduled: watch until the new one ends.
  if (stalledAt > now) {
    await scheduleDeadline(tx, { kind: LOGISTICS_STALL, subjectId: orderId, dueAt: stalledAt });
    return;
  }
  await recordIncident(tx, {
    orderId,
    kind: 'tracking_stalled',
    promisedAt: null,
    details: `no tracking update of waybill ${shipment.carrier} ${shipment.trackingNumber} since ${shipment.lastEventAt.toISOString()}`,
    at: now,
  });
  await compensateShipment(tx, { orderId, kind: 'logistics_stall', now }, settings);
}

async function isStillShipped(tx: Tx, orderId: number): Promise<boolean> {
  return (await orderShopAndState(tx, orderId))?.state === 'shipped';
}
