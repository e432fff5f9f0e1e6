import { type Static, Type } from '@sinclair/typebox';

const H = 3_600_000;
const D = 24 * H;

/** A duration in milliseconds, from one minute to a year. */
const Duration = (description: string) =>
  Type.Integer({ minimum: 60_000, maximum: 366 * D, description: `${description} (ms)` });
const FenAmount = (description: string) =>
  Type.Integer({ minimum: 0, maximum: 100_000_000, description: `${description} (fen)` });
const Bp = (description: string, maximum = 10_000) =>
  Type.Integer({ minimum: 0, maximum, description: `${description} (basis points, 100 = 1%)` });

const Compensation = (what: string) =>
  Type.Object(
    {
      rateBp: Bp(`${what}: share of the paid amount`),
      minFen: FenAmount(`${what}: at least`),
      maxFen: FenAmount(`${what}: at most`),
    },
    { additionalProperties: false },
  );

/** Claim windows of the guarantees that buyers claim themselves (product rules §4), counted from delivery. */
export const ClaimWindows = Type.Object(
  {
    spoiled_refund: Duration('坏了包退: claim within'),
    damage_refund: Duration('破损包退: claim within'),
    allergy_refund: Duration('过敏包退: claim within'),
    melted_refund: Duration('化了包退: claim within'),
    segment_refund: Duration('少房包退: claim within'),
    used_phone_warranty: Duration('二手手机180天质保: claim within'),
    authenticity: Duration('官方保真: claim within'),
  },
  { additionalProperties: false },
);
export type ClaimableGuarantee = keyof Static<typeof ClaimWindows>;

/**
 * Every deadline, amount, threshold and cap of product rules §4–5: the `aftersales` section of the versioned
 * configuration (platform-config.ts). Ops change it through the API (a new version each time); every
 * automated decision records the version it used.
 */
export const AftersalesPolicySchema = Type.Object(
  {
    merchantResponseMs: Duration('merchant must answer a refund/return request within; else approved'),
    guaranteeClaimResponseMs: Duration(
      'merchant must answer a guarantee claim within; else the platform pays from the deposit',
    ),
    buyerShipReturnMs: Duration('buyer must ship a return within; else the request closes'),
    merchantReceiptMs: Duration('merchant must confirm a returned parcel within; else the refund is issued'),
    receiptExtensionMs: Duration('the one extension a merchant may take for receipt'),
    resubmitWindowMs: Duration('after a rejection the buyer may resubmit or escalate within'),
    maxRequestsPerLine: Type.Integer({
      minimum: 1,
      maximum: 20,
      description: 'requests per order line, at most',
    }),
    arbitrationEvidenceMs: Duration('in arbitration the merchant submits evidence within'),
    arbitrationDecisionMs: Duration(
      'ops decide an arbitration within (after evidence); else decided for the buyer',
    ),
    merchantReshipMs: Duration('merchant ships an exchange or resend within; else refunded'),
    requestWindowAfterCompletionMs: Duration(
      'after-sales requests may be opened until this long after completion',
    ),
    instantRefundBelowFen: FenAmount('极速退款: refund amount strictly below'),
    lightningReturnMaxFen: FenAmount('闪电退货: refund amount at most'),
    noReasonReturnMs: Duration('7天无理由: window from 00:00 the day after delivery'),
    timezoneOffsetMinutes: Type.Integer({
      minimum: -720,
      maximum: 840,
      description: 'local time of the calendar rules (the day after delivery), minutes east of UTC',
    }),
    claimWindows: ClaimWindows,
    lateShipment: Compensation('晚发立赔: carrier has not picked up by the promise'),
    fakeShipment: Compensation('虚假发货: tracking never moves'),
    fakeShipmentNoMovementMs: Duration('a shipment whose tracking has not moved this long is fake'),
    logisticsStallMs: Duration('no tracking update for this long: the platform steps in'),
    logisticsStall: Compensation('物流停滞: compensation when the platform steps in'),
    fakePaysMultiplier: Type.Integer({
      minimum: 1,
      maximum: 20,
      description: '假一赔N: N × the paid amount',
    }),
    freightInsurance: Type.Object(
      {
        minPremiumFen: FenAmount('premium at least'),
        premiumRateBp: Bp('premium: share of the payout, times the shop return rate, loaded', 50_000),
        payoutFen: FenAmount('return shipping paid to the buyer'),
        monthlyCapFen: FenAmount('payouts per buyer per calendar month, at most'),
        returnHistoryMs: Duration('the premium is priced from the shop’s returns over this window'),
      },
      { additionalProperties: false },
    ),
    highRefundBuyer: Type.Object(
      {
        windowMs: Duration('buyer refund rate window'),
        multipleBp: Bp('labelled above this multiple of the category average', 100_000),
        minRequests: Type.Integer({
          minimum: 1,
          maximum: 1000,
          description: 'and at least this many requests',
        }),
      },
      { additionalProperties: false },
    ),
    qualityRefundWindowMs: Duration('品退率: delivered within, first refund within, of payment'),
    freightAbuse: Type.Object(
      {
        windowMs: Duration('freight-abuse detection window'),
        minReturns: Type.Integer({ minimum: 1, maximum: 10_000, description: 'no-quality returns at least' }),
        returnRateBp: Bp('and no-quality returns above this share of the product’s orders'),
      },
      { additionalProperties: false },
    ),
    skuProtection: Type.Object(
      {
        windowMs: Duration('平台主动保障: a SKU’s quality-refund rate over the orders paid within'),
        baselineWindowMs: Duration('its category’s baseline rate over the orders paid within'),
        multipleBp: Bp('protected when its rate is above this multiple of the baseline', 100_000),
        minOrders: Type.Integer({
          minimum: 1,
          maximum: 100_000,
          description: 'and it has at least this many delivered orders in the window',
        }),
        minQualityRefunds: Type.Integer({
          minimum: 1,
          maximum: 10_000,
          description: 'and at least this many quality refunds',
        }),
        minRateBp: Bp('and a rate of at least this'),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type AftersalesPolicy = Static<typeof AftersalesPolicySchema>;

/** The defaults of product rules §4–5: the `aftersales` section of version 1 of the configuration. */
export const defaultPolicy: AftersalesPolicy = {
  merchantResponseMs: 48 * H,
  guaranteeClaimResponseMs: 24 * H,
  buyerShipReturnMs: 7 * D,
  merchantReceiptMs: 7 * D,
  receiptExtensionMs: 7 * D,
  resubmitWindowMs: 7 * D,
  maxRequestsPerLine: 5,
  arbitrationEvidenceMs: 48 * H,
  arbitrationDecisionMs: 72 * H,
  merchantReshipMs: 48 * H,
  requestWindowAfterCompletionMs: 15 * D,
  instantRefundBelowFen: 30_000,
  lightningReturnMaxFen: 100_000,
  noReasonReturnMs: 7 * D,
  timezoneOffsetMinutes: 480,
  claimWindows: {
    spoiled_refund: 24 * H,
    damage_refund: 48 * H,
    allergy_refund: 7 * D,
    melted_refund: 24 * H,
    segment_refund: 48 * H,
    used_phone_warranty: 180 * D,
    authenticity: 15 * D,
  },
  lateShipment: { rateBp: 1_000, minFen: 500, maxFen: 3_000 },
  fakeShipment: { rateBp: 3_000, minFen: 500, maxFen: 20_000 },
  fakeShipmentNoMovementMs: 24 * H,
  logisticsStallMs: 72 * H,
  logisticsStall: { rateBp: 1_000, minFen: 500, maxFen: 3_000 },
  fakePaysMultiplier: 10,
  freightInsurance: {
    minPremiumFen: 30,
    premiumRateBp: 12_000,
    payoutFen: 1_200,
    monthlyCapFen: 6_000,
    returnHistoryMs: 90 * D,
  },
  highRefundBuyer: { windowMs: 90 * D, multipleBp: 30_000, minRequests: 5 },
  qualityRefundWindowMs: 14 * D,
  freightAbuse: { windowMs: 30 * D, minReturns: 5, returnRateBp: 3_000 },
  skuProtection: {
    windowMs: 7 * D,
    baselineWindowMs: 30 * D,
    multipleBp: 30_000,
    minOrders: 20,
    minQualityRefunds: 3,
    minRateBp: 500,
  },
};

/** Cross-field rules the schema cannot say: a minimum above its maximum is a mistake, not a policy. */
export function policyProblems(policy: AftersalesPolicy): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  for (const key of ['lateShipment', 'fakeShipment', 'logisticsStall'] as const) {
    if (policy[key].minFen > policy[key].maxFen)
      problems.push({ field: `policy.${key}.minFen`, reason: 'must not exceed maxFen' });
  }
  if (policy.instantRefundBelowFen > policy.lightningReturnMaxFen + 1)
    problems.push({
      field: 'policy.instantRefundBelowFen',
      reason: 'instant refunds (no return) must not reach above lightning returns',
    });
  return problems;
}

/** A policy in force: its version and values. */
export interface PolicyVersion {
  version: number;
  policy: AftersalesPolicy;
}
