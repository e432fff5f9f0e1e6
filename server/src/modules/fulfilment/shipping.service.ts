import type { Principal } from '../../platform/access.ts';
import { type Db, isUniqueViolation } from '../../platform/db.ts';
import { cancelDeadline } from '../../platform/scheduler/index.ts';
import { moveOrder } from '../orders/index.ts';
import type { Carrier } from './carriers.ts';
import { SHIP_BY } from './deadline-kinds.ts';
import { alreadyShipped, waybillTaken } from './fulfilment.errors.ts';
import { type FulfilmentView, fulfilmentView, requireShopOrder } from './fulfilment-read.service.ts';

export interface ShipInput {
  shopId: number;
  orderId: number;
  carrier: Carrier;
  trackingNumber: string;
}

/**
 * A shop member hands a paid order to a carrier: the order becomes shipped, the shipment opens its
 * tracking timeline, and the ship-by deadline is dropped. One shipment per order; an unpaid or
 * cancelled order answers 409 (invalid_transition).
 */
export async function shipOrder(
  db: Db,
  principal: Principal,
  input: ShipInput,
  at: Date,
): Promise<FulfilmentView> {
  const { orderId, carrier } = input;
  // Waybills are case-insensitive at every listed carrier; one spelling keeps the uniqueness check honest.
  const trackingNumber = input.trackingNumber.toUpperCase();
  try {
    return await db.transaction().execute(async (tx) => {
      await requireShopOrder(tx, principal, input.shopId, orderId);
      // Deadline row before order row, the order the deadline runner locks them in (no deadlock).
      await cancelDeadline(tx, SHIP_BY, orderId);
      await tx.selectFrom('orders').select('id').where('id', '=', orderId).forUpdate().execute();
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
