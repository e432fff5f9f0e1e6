/** 虚假发货 check (subject: order id): the parcel's tracking has not moved this long after shipping. */
export const FAKE_SHIPMENT_CHECK = 'aftersales.fake_shipment_check';
/** 物流停滞 (subject: order id): no tracking update for this long; moved by every carrier event. */
export const LOGISTICS_STALL = 'aftersales.logistics_stall';
/**
 * The freight insurance premium of a shipped order (subject: order id), due at shipment. Charged by the
 * deadline runner rather than in the shipping transaction: that one holds the order row, and a charge
 * must take the shop's status lock first.
 */
export const FREIGHT_PREMIUM = 'aftersales.freight_premium';
