import { AppError } from '../../platform/errors.ts';
import type { Carrier } from './carriers.ts';
import type { TrackingEvent, TrackingStatus } from './tracking.machine.ts';

export const alreadyShipped = (orderId: number, shipmentId: number) =>
  new AppError('already_exists', `order ${orderId} already has shipment ${shipmentId}`, {
    orderId,
    shipmentId,
  });

export const orderRefunded = (orderId: number) =>
  new AppError(
    'order_refunded',
    `order ${orderId}: every unit was refunded before shipment; there is nothing to ship`,
    { orderId },
  );

export const waybillTaken = (carrier: Carrier, trackingNumber: string) =>
  new AppError(
    'already_exists',
    `trackingNumber: ${carrier} waybill ${trackingNumber} is already used by another shipment`,
    { fields: [{ field: 'trackingNumber', reason: 'already used by another shipment' }] },
  );

export const eventOutOfOrder = (
  shipmentId: number,
  status: TrackingStatus,
  event: TrackingEvent,
  allowed: readonly TrackingStatus[],
) => {
  const reason =
    allowed.length === 0
      ? `the shipment is ${status}; no further events`
      : `cannot follow ${status}; expected ${allowed.join(' or ')}`;
  return new AppError('invalid_transition', `event: ${event} ${reason} (shipment ${shipmentId})`, {
    from: status,
    to: event,
    allowed,
    fields: [{ field: 'event', reason }],
  });
};

export const notSandboxCarrier = (shipmentId: number, carrier: Carrier) =>
  new AppError(
    'conflict',
    `shipment ${shipmentId} goes with ${carrier}; only sandbox shipments take posted tracking events`,
    { carrier, fields: [{ field: 'id', reason: `a ${carrier} shipment is tracked by its carrier` }] },
  );
