import type { Tx } from '../../platform/db.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import type { Carrier } from '../fulfilment/index.ts';
import { returnTransitions } from './machines.ts';

/*
 * The return parcel of a request (one per request), moved only through `returnTransitions`. Its
 * timeline is the request's: every parcel move happens inside a request move, which records it.
 */

const what = (requestId: number) => `the return parcel of request ${requestId}`;

/** The return is approved: the parcel awaits shipment to the shop's return address (once per request). */
export async function openReturnParcel(tx: Tx, requestId: number, returnAddress: string, now: Date) {
  await tx
    .insertInto('returnShipments')
    .values({ requestId, returnAddress, updatedAt: now })
    .onConflict((oc) => oc.column('requestId').doNothing())
    .execute();
}

/** `openReturnParcel` for a request opened now, returning the parcel as the request's view shows it. */
export async function openReturnParcelView(tx: Tx, requestId: number, returnAddress: string, now: Date) {
  return tx
    .insertInto('returnShipments')
    .values({ requestId, returnAddress, updatedAt: now })
    .returning(['state', 'returnAddress', 'carrier', 'trackingNumber', 'shippedAt', 'receivedAt'])
    .executeTakeFirstOrThrow();
}

/** The buyer handed the parcel to a carrier. */
export async function shipReturnParcel(
  tx: Tx,
  requestId: number,
  parcel: { carrier: Carrier; trackingNumber: string },
  now: Date,
) {
  return transitionRow(tx, 'returnShipments', {
    machine: returnTransitions,
    what: what(requestId),
    key: { requestId },
    from: 'awaiting_shipment',
    to: 'shipped',
    set: { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber, shippedAt: now, updatedAt: now },
  });
}

/** The merchant confirmed the parcel arrived (409 when it is not on its way: received or refused already). */
export async function receiveReturnParcel(tx: Tx, requestId: number, now: Date) {
  return transitionRow(tx, 'returnShipments', {
    machine: returnTransitions,
    what: what(requestId),
    key: { requestId },
    from: 'shipped',
    to: 'received',
    set: { receivedAt: now, updatedAt: now },
  });
}

/** The merchant refused the parcel at receipt. */
export async function refuseReturnParcel(tx: Tx, requestId: number, now: Date) {
  return transitionRow(tx, 'returnShipments', {
    machine: returnTransitions,
    what: what(requestId),
    key: { requestId },
    from: 'shipped',
    to: 'refused',
    set: { updatedAt: now },
  });
}
