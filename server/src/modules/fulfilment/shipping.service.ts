import type { Principal } from '../../platform/access.ts';
import { type Db, isUniqueViolation } from '../../platform/db.ts';
import { linesOfOrders, lockOrderForFulfilment, moveOrder } from '../orders/index.ts';
import type { Carrier } from './carriers.ts';
import { alreadyShipped, orderRefunded, waybillTaken } from './fulfilment.errors.ts';
import { type FulfilmentHooks, noFulfilmentHooks } from './fulfilment-hooks.ts';
import { type FulfilmentView, fulfilmentView, requireShopOrder } from './fulfilment-read.service.ts';
import { remainderToShip } from './to-ship.rule.ts';

export interface ShipInput {
  shopId: number;
  orderId: number;
  carrier: Carrier;
  trackingNumber: string;
}

/**
 * A shop member hands a paid order to a carrier: the order becomes shipped and the shipment opens its
 * tracking timeline. The ship-by deadline stays: the promise is kept when the carrier picks the parcel
 * up (product rules §5, 晚发立赔 extended to pickup). One shipment per order; an unpaid or cancelled order
 * answers 409 (invalid_transition), an order whose every unit was refunded before shipment 409
 * (order_refunded): refunded units are never shipped.
 */
export async function shipOrder(
  db: Db,
  principal: Principal,
  input: ShipInput,
  at: Date,
  hooks: FulfilmentHooks = noFulfilmentHooks,
): Promise<FulfilmentView> {
  const { orderId, carrier } = input;
  // Waybills are case-insensitive at every listed carrier; one spelling keeps the uniqueness check honest.
  const trackingNumber = input.trackingNumber.toUpperCase();
  try {
    return await db.transaction().execute(async (tx) => {
      await requireShopOrder(tx, principal, input.shopId, orderId);
      const locked = await lockOrderForFulfilment(tx, orderId);
      // Read under the order lock: a refund before shipment locks the order row too. An order cancelled
      // by those refunds says so rather than only "cancelled".
      if (locked?.state === 'paid' || locked?.state === 'cancelled') {
        const refunded = await hooks.refundedLines(tx, [orderId]);
        if (refunded.length > 0) {
          const lines = await linesOfOrders(tx, [orderId]);
          if (remainderToShip(locked, lines, refunded).nothingToShip) throw orderRefunded(orderId);
        }
      }
      const existing = await tx
        .selectFrom('shipments')
        .select('id')
        .where('orderId', '=', orderId)
        .executeTakeFirst();
      if (existing) throw alreadyShipped(orderId, existing.id);
      await moveOrder(tx, {
        orderId,
        to: 'shipped',
        actor: { kind: 'merchant', id: principal.userId },
        at,
        note: `shipped with ${carrier}, waybill ${trackingNumber}`,
        set: { shippedAt: at },
      });
      const shipment = await tx
        .insertInto('shipments')
        .values({
          orderId,
          shopId: input.shopId,
          carrier,
          trackingNumber,
          shippedBy: principal.userId,
          shippedAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('shipmentEvents')
        .values({ shipmentId: shipment.id, event: 'created', location: null, at })
        .execute();
      await hooks.shipped(tx, { orderId, shipmentId: shipment.id, at });
      return fulfilmentView(tx, orderId);
    });
  } catch (err) {
    if (isUniqueViolation(err) && constraintOf(err) === 'shipments_waybill_idx') {
      throw waybillTaken(carrier, trackingNumber);
    }
    throw err;
  }
}

function constraintOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'constraint' in err
    ? String((err as { constraint: unknown }).constraint)
    : undefined;
}
