import type { AccountType, OwnerKind } from './ledger.tables.ts';

/**
 * A ledger account, named by its stable code. Build one with `accounts.*`; its properties follow
 * from the code, so every caller creates the same account on first use.
 */
export interface AccountRef {
  readonly code: string;
  readonly type: AccountType;
  readonly owner: { readonly kind: OwnerKind; readonly id: number } | null;
  readonly mayGoNegative: boolean;
  /** Cached balance rows: > 1 spreads a platform-wide account so that no single row is hot. */
  readonly buckets: number;
}

// Every paid order credits escrow and debits payment_provider; settlement credits commission
// revenue. 16 rows per such account let that many payments update them at once.
const HOT_BUCKETS = 16;

interface PlatformSpec {
  type: AccountType;
  mayGoNegative: boolean;
  buckets: number;
}

const platformSpecs = {
  // buyer money held until settlement or refund
  escrow: { type: 'holding', mayGoNegative: false, buckets: HOT_BUCKETS },
  platform_commission_revenue: { type: 'revenue', mayGoNegative: false, buckets: HOT_BUCKETS },
  // the platform bears guarantee payouts (shortfalls of merchants, freight insurance) net of the
  // premiums it collects: the fund runs negative by what the platform paid more than it took in
  guarantee_fund: { type: 'reserve', mayGoNegative: true, buckets: 1 },
  // compensation owed to buyers, paid out afterwards
  compensation_payable: { type: 'payable', mayGoNegative: false, buckets: 1 },
  // money in from buyers (runs negative by what came in) and back out on refunds
  payment_provider: { type: 'external', mayGoNegative: true, buckets: HOT_BUCKETS },
  // money out to merchants and creators on withdrawal
  payout_provider: { type: 'external', mayGoNegative: true, buckets: HOT_BUCKETS },
  // product rules §9: the platform funds its coupons; at settlement it pays the merchant the platform
  // discount of what was not refunded. Runs negative by what the platform has spent on them.
  platform_subsidy: { type: 'expense', mayGoNegative: true, buckets: HOT_BUCKETS },
  // product rules §7.5: 斗金 GMV rebates the platform pays merchants each quarter. Runs negative by
  // what it has paid; paid by ops one shop at a time, so one row is enough.
  growth_rebates: { type: 'expense', mayGoNegative: true, buckets: 1 },
  // product rules §8.6: cash the platform pays let-down buyers from the outreach queue. Runs negative by
  // what it has paid; capped per case and per day by the care configuration.
  care_goodwill: { type: 'expense', mayGoNegative: true, buckets: 1 },
} as const satisfies Record<string, PlatformSpec>;

const ownedSpecs = {
  merchant_pending: { owner: 'shop', type: 'payable' },
  merchant_available: { owner: 'shop', type: 'payable' },
  merchant_deposit: { owner: 'shop', type: 'payable' },
  creator_commission: { owner: 'user', type: 'payable' },
} as const satisfies Record<string, { owner: OwnerKind; type: AccountType }>;

export type PlatformAccount = keyof typeof platformSpecs;
export type OwnedAccount = keyof typeof ownedSpecs;

function platform(code: PlatformAccount): AccountRef {
  const spec: PlatformSpec = platformSpecs[code];
  return { code, type: spec.type, owner: null, mayGoNegative: spec.mayGoNegative, buckets: spec.buckets };
}

// Per-owner balances never go negative: a shortfall must be covered explicitly (product rules §3:
// deposits pay when balances fall short), never silently owed.
function owned(prefix: OwnedAccount, ownerId: number): AccountRef {
  if (!Number.isSafeInteger(ownerId) || ownerId < 1) {
    throw new RangeError(`${prefix} needs a positive integer owner id, got ${ownerId}`);
  }
  const spec = ownedSpecs[prefix];
  return {
    code: `${prefix}:${ownerId}`,
    type: spec.type,
    owner: { kind: spec.owner, id: ownerId },
    mayGoNegative: false,
    buckets: 1,
  };
}

/** The chart of accounts. */
export const accounts = {
  escrow: platform('escrow'),
  platformCommissionRevenue: platform('platform_commission_revenue'),
  guaranteeFund: platform('guarantee_fund'),
  compensationPayable: platform('compensation_payable'),
  paymentProvider: platform('payment_provider'),
  payoutProvider: platform('payout_provider'),
  platformSubsidy: platform('platform_subsidy'),
  growthRebates: platform('growth_rebates'),
  careGoodwill: platform('care_goodwill'),
  merchantPending: (shopId: number) => owned('merchant_pending', shopId),
  merchantAvailable: (shopId: number) => owned('merchant_available', shopId),
  merchantDeposit: (shopId: number) => owned('merchant_deposit', shopId),
  creatorCommission: (userId: number) => owned('creator_commission', userId),
} as const;

const CODE = /^([a-z][a-z_]*)(?::([1-9][0-9]{0,15}))?$/;

/** The account a code names, or null when the code is not in the chart of accounts. */
export function parseAccountCode(code: string): AccountRef | null {
  const match = CODE.exec(code);
  if (!match) return null;
  const [, prefix, id] = match as unknown as [string, string, string | undefined];
  if (id === undefined) return prefix in platformSpecs ? platform(prefix as PlatformAccount) : null;
  const ownerId = Number(id);
  if (!(prefix in ownedSpecs) || !Number.isSafeInteger(ownerId)) return null;
  return owned(prefix as OwnedAccount, ownerId);
}
