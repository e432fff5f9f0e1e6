import { AppError } from '../../platform/errors.ts';
import { isCountyCode } from './regions.ts';

/** DOMAIN.md §9: a mainland mobile number, 11 digits, no spaces or dashes (the form strips them). */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const RECIPIENT_MAX = 25;
export const DETAIL_MIN = 2;
export const DETAIL_MAX = 120;
/** At most this many addresses in one buyer's book. */
export const MAX_BUYER_ADDRESSES = 20;

export interface AddressInput {
  recipient: string;
  phone: string;
  regionCode: string;
  detail: string;
}

export interface FieldProblem {
  field: keyof AddressInput;
  reason: string;
}

/** Trims the text fields (the stored form). */
export function normalizeAddress<T extends Partial<AddressInput>>(input: T): T {
  const out: Partial<AddressInput> = { ...input };
  for (const key of ['recipient', 'phone', 'regionCode', 'detail'] as const) {
    const value = out[key];
    if (value !== undefined) out[key] = value.trim();
  }
  return out as T;
}

/** The problems of the given (already trimmed) fields; fields left out are not checked. */
export function addressProblems(input: Partial<AddressInput>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { recipient, phone, regionCode, detail } = input;
  if (recipient !== undefined && (recipient.length < 1 || [...recipient].length > RECIPIENT_MAX)) {
    problems.push({ field: 'recipient', reason: `must be 1 to ${RECIPIENT_MAX} characters` });
  }
  if (phone !== undefined && !PHONE_PATTERN.test(phone)) {
    problems.push({ field: 'phone', reason: 'must be a mainland mobile number: 11 digits starting 13–19' });
  }
  if (regionCode !== undefined && !isCountyCode(regionCode)) {
    problems.push({ field: 'regionCode', reason: 'must be a county-level region code' });
  }
  if (detail !== undefined && ([...detail].length < DETAIL_MIN || [...detail].length > DETAIL_MAX)) {
    problems.push({ field: 'detail', reason: `must be ${DETAIL_MIN} to ${DETAIL_MAX} characters` });
  }
  return problems;
}

/** Throws a 400 naming every bad field. */
export function assertAddress(input: Partial<AddressInput>): void {
  const problems = addressProblems(input);
  if (problems.length === 0) return;
  throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
    fields: problems,
  });
}

/** '13812341234' → '138****1234'; anything else keeps its first 3 and last 4 characters when long enough. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
