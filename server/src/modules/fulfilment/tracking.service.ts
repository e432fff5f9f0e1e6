import type { Principal } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { cancelDeadline, scheduleDeadline } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { canTransition } from '../../platform/state-machine.ts';
import { lockOrderForFulfilment, moveOrder } from '../orders/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { AUTO_CONFIRM, SHIP_BY } from './deadline-kinds.ts';
import { eventOutOfOrder, notSandboxCarrier } from './fulfilment.errors.ts';
import { type FulfilmentHooks, noFulfilmentHooks, recordIncident } from './fulfilment-hooks.ts';
import { type FulfilmentView, fulfilmentView } from './fulfilment-read.service.ts';
import { type TrackingEvent, trackingTransitions } from './tracking.machine.ts';

export interface SandboxEventInput {
  event: TrackingEvent;
  location?: string;
}

/**
 * The sandbox carrier reports a tracking event (tests and demos drive it through the API). Pickup keeps
 * the ship-by promise (its deadline is dropped); `delivered` moves the order to delivered and starts
 * the auto-confirm clock; `lost` is recorded as an incident for after-sales while the order stays shipped.
 */
export async function postSandboxEvent(
  db: Db,
  principal: Principal,
  shipmentId: number,
  input: SandboxEventInput,
  at: Date,
  settings: Settings,
  hooks: FulfilmentHooks = noFulfilmentHooks,
): Promise<FulfilmentView> {
  return db.transaction().execute(async (tx) => {
    const shipment = await tx
      .selectFrom('shipments')
      .select(['id', 'orderId', 'shopId', 'carrier', 'trackingNumber', 'status'])
      .where('id', '=', shipmentId)
      .forUpdate()
      .executeTakeFirst();
    if (!shipment) throw notFound('shipment', shipmentId);
    await requireCarrierOperator(tx, principal, shipment.shopId, shipmentId);
    if (shipment.carrier !== 'sandbox') throw notSandboxCarrier(shipmentId, shipment.carrier);
    if (!canTransition(trackingTransitions, shipment.status, input.event)) {
      throw eventOutOfOrder(shipmentId, shipment.status, input.event, trackingTransitions[shipment.status]);
    }
    await tx
      .insertInto('shipmentEvents')
      .values({ shipmentId, event: input.event, location: input.location?.trim() ?? null, at })
      .execute();
    await tx
      .updateTable('shipments')
      .set({ status: input.event, updatedAt: at })
      .where('id', '=', shipmentId)
      .execute();
    const waybill = `${shipment.carrier} ${shipment.trackingNumber}`;
    // Deadline rows before the order row, the order the deadline runner locks them in (no deadlock).
    // Every carrier event comes after pickup: the ship-by promise is kept if this is before it fired.
    await cancelDeadline(tx, SHIP_BY, shipment.orderId);
    await hooks.tracking(tx, { orderId: shipment.orderId, shipmentId, event: input.event, at });
    if (input.event === 'delivered') await orderDelivered(tx, shipment.orderId, waybill, at, settings);
    if (input.event === 'lost') {
      await recordIncident(tx, {
        orderId: shipment.orderId,
        kind: 'parcel_lost',
        promisedAt: null,
        details: `carrier reported waybill ${waybill} lost`,
        at,
      });
    }
    return fulfilmentView(tx, shipment.orderId);
  });
}

/** Members of the shipping shop, or ops super admins; other merchants see no such shipment. */
async function requireCarrierOperator(tx: Tx, principal: Principal, shopId: number, shipmentId: number) {
  if (principal.kind === 'ops') {
    if (!principal.opsRoles.includes('super_admin')) {
      throw forbidden('Only a super admin may post sandbox tracking events for any shop');
    }
    return;
  }
  try {
    await requireShopMember(tx, principal, shopId);
  } catch (err) {
    // The shop's id would tell an outsider whose shipment this is.
    if (err instanceof AppError && err.code === 'not_found') throw notFound('shipment', shipmentId);
    throw err;
  }
}

/**
 * The parcel reached the buyer (product rules §2): receipt auto-confirms `autoConfirmMs` later. A buyer who
 * already confirmed before delivery leaves the order completed; the event only joins the timeline.
 */
async function orderDelivered(tx: Tx, orderId: number, waybill: string, at: Date, settings: Settings) {
  const order = await lockOrderForFulfilment(tx, orderId);
  if (!order) throw notFound('order', orderId);
  if (order.state !== 'shipped') return;
  await moveOrder(tx, {
    orderId,
    to: 'delivered',
    actor: { kind: 'carrier', id: null },
    at,
    note: `delivered (${waybill})`,
    set: { deliveredAt: at },
  });
  await scheduleDeadline(tx, {
    kind: AUTO_CONFIRM,
    subjectId: orderId,
    dueAt: new Date(at.getTime() + settings.autoConfirmMs),
  });
}
