/**
 * Carriers a shop can ship with. `sandbox` is the platform's test carrier: its tracking events are
 * posted through the API (tests, demos) instead of coming from a carrier's feed.
 */
export const CARRIERS = ['sf', 'zto', 'yto', 'sto', 'yunda', 'jd', 'ems', 'sandbox'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** Each carrier's name as people know it, for explanations written in both languages. */
export const CARRIER_NAMES: Record<Carrier, { zh: string; en: string }> = {
  sf: { zh: '顺丰速运', en: 'SF Express' },
  zto: { zh: '中通快递', en: 'ZTO Express' },
  yto: { zh: '圆通速递', en: 'YTO Express' },
  sto: { zh: '申通快递', en: 'STO Express' },
  yunda: { zh: '韵达快递', en: 'Yunda Express' },
  jd: { zh: '京东物流', en: 'JD Logistics' },
  ems: { zh: 'EMS', en: 'EMS' },
  sandbox: { zh: '沙箱快递', en: 'Sandbox carrier' },
};

/** A waybill number: 8–30 letters and digits (the shape every listed carrier's numbers share). */
export const TRACKING_NUMBER_PATTERN = '^[A-Za-z0-9]{8,30}$';
