import type { Executor, Tx } from '../../platform/db.ts';
import type { Carrier } from './carriers.ts';
import type { IncidentKind } from './fulfilment.tables.ts';
import type { TrackingEvent, TrackingStatus } from './tracking.machine.ts';

/**
 * What other modules do when a fulfilment fact happens, inside fulfilment's own transaction (after-sales
 * schedules its checks and pays shipment compensation through these). The composition roots
 * (src/app.ts, src/deadlines.ts) pass them in, so fulfilment depends on no module that reacts to it.
 *
 * Locks: a money operation of a shop takes the shop's status lock first, then order rows. `shipped`
 * runs while the order row is locked, so it must not take the shop lock (schedule a deadline instead);
 * `tracking` runs before the order row is locked, with only the shipment row held; `shipByMissed`
 * runs in the deadline runner with nothing of the order locked.
 */
export interface FulfilmentHooks {
  /** The shop handed the order to a carrier: the shipment exists, its tracking is 'created'. */
  shipped(tx: Tx, fact: { orderId: number; shipmentId: number; at: Date }): Promise<void>;
  /** The ship-by promise passed and no carrier had picked the parcel up (product rules §5 晚发立赔). */
  shipByMissed(tx: Tx, fact: { orderId: number; at: Date }): Promise<void>;
  /** The carrier reported an event of the order's parcel. */
  tracking(
    tx: Tx,
    fact: { orderId: number; shipmentId: number; event: TrackingEvent; at: Date },
  ): Promise<void>;
  /**
   * What after-sales refunded of each line of the given orders (units and fen of refunded requests).
   * A read, no lock: callers that ship read it after locking the order row.
   */
  refundedLines(db: Executor, orderIds: readonly number[]): Promise<RefundedLine[]>;
}

export interface RefundedLine {
  orderId: number;
  orderLineId: number;
  units: number;
  fen: number;
}

/** Hooks that do nothing: fulfilment on its own. */
export const noFulfilmentHooks: FulfilmentHooks = {
  refundedLines: async () => [],
  shipped: async () => {},
  shipByMissed: async () => {},
  tracking: async () => {},
};

/**
 * Records a broken promise or a parcel problem of an order, once per kind (a second report of the same
 * kind is ignored). Returns whether it was recorded now.
 */
export async function recordIncident(
  tx: Tx,
  incident: { orderId: number; kind: IncidentKind; promisedAt: Date | null; details: string; at: Date },
): Promise<boolean> {
  const inserted = await tx
    .insertInto('fulfilmentIncidents')
    .values(incident)
    .onConflict((oc) => oc.columns(['orderId', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export interface ShipmentState {
  id: number;
  carrier: Carrier;
  trackingNumber: string;
  status: TrackingStatus;
  shippedAt: Date;
  /** When the carrier last reported anything (the shipment's creation counts). */
  lastEventAt: Date;
}

/** The order's shipment and where its tracking stands, or null when it has not shipped. No lock. */
export async function shipmentOfOrder(db: Executor, orderId: number): Promise<ShipmentState | null> {
  const row = await db
    .selectFrom('shipments as s')
    .select(['s.id', 's.carrier', 's.trackingNumber', 's.status', 's.shippedAt'])
    .select((eb) =>
      eb
        .selectFrom('shipmentEvents as e')
        .select((e) => e.fn.max('e.at').as('at'))
        .whereRef('e.shipmentId', '=', 's.id')
        .as('lastEventAt'),
    )
    .where('s.orderId', '=', orderId)
    .executeTakeFirst();
  if (!row) return null;
  return { ...row, lastEventAt: row.lastEventAt ?? row.shippedAt };
}

/** The shipments of the given orders (carrier, waybill, where tracking stands). No lock. */
export async function shipmentsOfOrders(db: Executor, orderIds: readonly number[]) {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('shipments')
    .select(['id', 'orderId', 'carrier', 'trackingNumber', 'status', 'shippedAt'])
    .where('orderId', 'in', orderIds)
    .execute();
}
