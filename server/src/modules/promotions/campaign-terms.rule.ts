import type { CouponKind } from './promotions.tables.ts';

export interface CampaignTermsInput {
  kind: CouponKind;
  thresholdFen?: number | undefined;
  discountFen?: number | undefined;
  percentBp?: number | undefined;
  capFen?: number | undefined;
  claimStartsAt: Date;
  claimEndsAt: Date;
  useEndsAt?: Date | undefined;
}

export interface CampaignTerms {
  thresholdFen: number;
  discountFen: number;
  percentBp: number;
  capFen: number | null;
}

const MAX_CLAIM_WINDOW_MS = 366 * 86_400_000;

/**
 * product rules §9 Coupons: the terms of a new campaign, or the problems, each naming its field. A
 * threshold coupon takes less than its threshold; a percent coupon has a share and may have a cap; a
 * no-threshold coupon has no threshold. The claim window is in the future and at most a year long.
 */
export function campaignTerms(
  input: CampaignTermsInput,
  now: Date,
): { ok: true; terms: CampaignTerms } | { ok: false; problems: { field: string; reason: string }[] } {
  const problems: { field: string; reason: string }[] = [];
  const problem = (field: string, reason: string) => problems.push({ field, reason });
  const { kind, thresholdFen = 0, discountFen, percentBp, capFen } = input;
  if (kind === 'threshold') {
    if (discountFen === undefined) problem('discountFen', 'required for a threshold coupon');
    if (input.thresholdFen === undefined) problem('thresholdFen', 'required for a threshold coupon');
    else if (discountFen !== undefined && thresholdFen <= discountFen)
      problem('thresholdFen', 'must be above discountFen (an order is never free)');
  }
  if (kind === 'no_threshold') {
    if (discountFen === undefined) problem('discountFen', 'required for a no-threshold coupon');
    if (thresholdFen !== 0) problem('thresholdFen', 'a no-threshold coupon has no threshold');
  }
  if (kind === 'percent') {
    if (percentBp === undefined) problem('percentBp', 'required for a percent coupon');
    if (discountFen !== undefined)
      problem('discountFen', 'a percent coupon takes percentBp off; omit discountFen');
  } else {
    if (percentBp !== undefined) problem('percentBp', 'only for a percent coupon');
    if (capFen !== undefined) problem('capFen', 'only for a percent coupon');
  }
  if (input.claimEndsAt <= input.claimStartsAt) problem('claimEndsAt', 'must be after claimStartsAt');
  else if (input.claimEndsAt <= now) problem('claimEndsAt', 'must be in the future');
  else if (input.claimEndsAt.getTime() - input.claimStartsAt.getTime() > MAX_CLAIM_WINDOW_MS)
    problem('claimEndsAt', 'the claim window is at most 366 days');
  if (input.useEndsAt !== undefined && input.useEndsAt < input.claimEndsAt)
    problem('useEndsAt', 'must not be before claimEndsAt (a late claim would be expired at once)');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    terms: {
      thresholdFen,
      discountFen: kind === 'percent' ? 0 : discountFen!,
      percentBp: kind === 'percent' ? percentBp! : 0,
      capFen: kind === 'percent' ? (capFen ?? null) : null,
    },
  };
}
