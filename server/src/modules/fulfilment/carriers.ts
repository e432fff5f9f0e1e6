/**
 * Carriers a shop can ship with. `sandbox` is the platform's test carrier: its tracking events are
 * posted through the API (tests, demos) instead of coming from a carrier's feed.
 */
export const CARRIERS = ['sf', 'zto', 'yto', 'sto', 'yunda', 'jd', 'ems', 'sandbox'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** A waybill number: 8–30 letters and digits (the shape every listed carrier's numbers share). */
export const TRACKING_NUMBER_PATTERN = '^[A-Za-z0-9]{8,30}$';
