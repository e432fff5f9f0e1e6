/**
 * Who lives in the simulated marketplace, with each agent's ground truth (what it really is), and how
 * many of each a run has. The platform never sees these roles: it sees only what the agents do.
 */

export const BUYER_ROLES = [
  'honest',
  'refund_abuser',
  'freight_abuser',
  'fraud_ring',
  'extortioner',
  'evasive_commenter',
] as const;
export type BuyerRole = (typeof BUYER_ROLES)[number];

export const MERCHANT_ROLES = ['good', 'slow_shipper', 'counterfeiter', 'unlicensed', 'hype_host'] as const;
export type MerchantRole = (typeof MERCHANT_ROLES)[number];

export interface Population {
  buyers: Record<Exclude<BuyerRole, 'fraud_ring'>, number>;
  /** Fraud rings: how many, and accounts in each (sharing a device, an address and a phone). */
  rings: { count: number; size: number };
  merchants: Record<MerchantRole, number>;
}

/** The full run's population (`npm run simulate`). */
export const FULL_POPULATION: Population = {
  buyers: {
    honest: 64,
    refund_abuser: 8,
    freight_abuser: 6,
    extortioner: 6,
    evasive_commenter: 8,
  },
  rings: { count: 2, size: 5 },
  merchants: { good: 10, slow_shipper: 3, counterfeiter: 3, unlicensed: 3, hype_host: 3 },
};

/** The short run of `npm test`: every role present, few of each. */
export const SMALL_POPULATION: Population = {
  buyers: {
    honest: 24,
    refund_abuser: 3,
    freight_abuser: 2,
    extortioner: 3,
    evasive_commenter: 3,
  },
  rings: { count: 1, size: 4 },
  merchants: { good: 4, slow_shipper: 1, counterfeiter: 1, unlicensed: 1, hype_host: 1 },
};
