import { SHIP_BY_DEADLINE } from '../orders/index.ts';

/** Ship-by promise of a paid order (subject: order id); scheduled by orders when the payment lands. */
export const SHIP_BY = SHIP_BY_DEADLINE;
/** Receipt confirms itself this long after delivery (subject: order id). */
export const AUTO_CONFIRM = 'fulfilment.auto_confirm';
/**
 * Settlement of a completed order (subject: order id), scheduled when an order completes. The handler
 * belongs to the settlement module; the kind is agreed with it and defined here.
 */
export const SETTLE_ORDER = 'settlement.settle_order';
