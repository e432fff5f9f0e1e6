import type { RiskTier, ShopState, ShopType } from './shops.tables.ts';

/**
 * Merchant onboarding (product rules §3, §6): what the identity documents prove, which risk tier a new
 * shop gets from the onboarding decision, and the probation limit that tier sets.
 */

// GB 11643-1999: 17 digits weighted, the sum mod 11 picks the check character.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * An 18-character resident ID number (居民身份证号码): 6-digit region, a real birth date YYYYMMDD,
 * 3-digit sequence and the check character. Spaces are ignored, `x` is read as `X`.
 */
export function isResidentIdNumber(value: string): boolean {
  const id = value.replace(/\s/g, '').toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17];
}

// GB 32100-2015: 31 characters (no I, O, Z, S, V); the check character is 31 − (weighted sum mod 31).
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** An 18-character unified social credit code (统一社会信用代码) of a business licence, check character included. */
export function isUnifiedSocialCreditCode(value: string): boolean {
  const code = value.replace(/\s/g, '').toUpperCase();
  if (code.length !== 18 || [...code].some((c) => !USCC_CHARS.includes(c))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31] === code[17];
}

/**
 * The onboarding facts the decision engine reads. An individual shop trades on its owner's identity
 * and needs no business licence; enterprise and flagship shops do.
 */
export function onboardingFacts(input: { type: ShopType; idNumber?: string; businessLicenceNo?: string }): {
  id_verified: boolean;
  business_licence_valid: boolean;
} {
  return {
    id_verified: input.idNumber !== undefined && isResidentIdNumber(input.idNumber),
    business_licence_valid:
      input.type === 'individual' ||
      (input.businessLicenceNo !== undefined && isUnifiedSocialCreditCode(input.businessLicenceNo)),
  };
}

/**
 * The risk tier of a new shop (product rules §6: "new shops get a risk tier that sets probation limits").
 * A decision sent to review is high risk until ops look at it; an allowed shop whose identity or
 * licence is not proven (possible when a rule admin relaxes the policy) is medium.
 */
export function riskTier(
  outcome: 'allow' | 'review',
  facts: { id_verified: boolean; business_licence_valid: boolean },
): RiskTier {
  if (outcome === 'review') return 'high';
  return facts.id_verified && facts.business_licence_valid ? 'low' : 'medium';
}

/**
 * The listing limit of a shop, or null when it has none (out of probation): products a probation shop
 * may have listed or in review at once, by risk tier (configuration key `deposits.probationListingLimits`).
 */
export function probationListingLimit(
  shop: { state: ShopState; riskTier: RiskTier },
  limits: Readonly<Record<RiskTier, number>>,
): number | null {
  return shop.state === 'probation' ? limits[shop.riskTier] : null;
}
