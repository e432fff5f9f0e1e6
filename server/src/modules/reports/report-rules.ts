import { VIOLATION_CATALOGUE, VIOLATION_CODES, type ViolationCode } from '../governance/index.ts';

/** What a buyer can report (product rules §8.7). */
export const REPORT_SUBJECT_TYPES = ['live_session', 'product', 'live_comment', 'review', 'shop'] as const;
export type ReportSubjectType = (typeof REPORT_SUBJECT_TYPES)[number];

export const REPORT_STATES = ['open', 'upheld', 'dismissed'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Every reason a buyer can give; which of them fit a subject is `REASONS_BY_SUBJECT`. */
export const REPORT_REASONS = [
  'false_advertising',
  'counterfeit',
  'prohibited_goods',
  'price_fraud',
  'off_platform_trade',
  'vulgar',
  'dangerous',
  'harassment',
  'spam',
  'fake_review',
  'fraud',
  'bad_service',
  'other',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** The reasons offered for each kind of subject, in the order the sheet lists them ('other' last). */
export const REASONS_BY_SUBJECT = {
  live_session: ['false_advertising', 'off_platform_trade', 'vulgar', 'dangerous', 'counterfeit', 'other'],
  product: [
    'counterfeit',
    'false_advertising',
    'prohibited_goods',
    'price_fraud',
    'off_platform_trade',
    'other',
  ],
  live_comment: ['harassment', 'spam', 'off_platform_trade', 'fraud', 'vulgar', 'other'],
  review: ['fake_review', 'harassment', 'spam', 'off_platform_trade', 'other'],
  shop: ['counterfeit', 'fraud', 'off_platform_trade', 'bad_service', 'other'],
} as const satisfies Record<ReportSubjectType, readonly ReportReason[]>;

export function reasonFits(subjectType: ReportSubjectType, reason: string): reason is ReportReason {
  return (REASONS_BY_SUBJECT[subjectType] as readonly string[]).includes(reason);
}

/**
 * What upholding a report does to its subject: a comment or review is hidden; a product is sent back
 * to review or a violation is recorded against it; a room or a shop gets a violation (governance
 * warns a first general one and enforces the rest).
 */
export const REPORT_EFFECTS = ['hidden', 'sent_to_review', 'violation'] as const;
export type ReportEffect = (typeof REPORT_EFFECTS)[number];

const EFFECTS_BY_SUBJECT = {
  live_comment: ['hidden'],
  review: ['hidden'],
  product: ['sent_to_review', 'violation'],
  live_session: ['violation'],
  shop: ['violation'],
} as const satisfies Record<ReportSubjectType, readonly ReportEffect[]>;

/** The governance subject a violation of a reported subject is recorded on (none for content). */
const VIOLATION_SUBJECT = { product: 'product', live_session: 'live_session', shop: 'shop' } as const;

/** The violation codes that can be recorded against a reported subject. */
export function violationCodesFor(subjectType: ReportSubjectType): ViolationCode[] {
  if (!(subjectType in VIOLATION_SUBJECT)) return [];
  const on = VIOLATION_SUBJECT[subjectType as keyof typeof VIOLATION_SUBJECT];
  return VIOLATION_CODES.filter((code) =>
    (VIOLATION_CATALOGUE[code].subjects as readonly string[]).includes(on),
  );
}

export function effectsFor(subjectType: ReportSubjectType): readonly ReportEffect[] {
  return EFFECTS_BY_SUBJECT[subjectType];
}

export interface Upholding {
  effect: ReportEffect;
  violationCode?: string;
}

/** Why an upholding does not fit the subject (a field and its reason), or null when it does. */
export function upholdingRefusal(
  subjectType: ReportSubjectType,
  upholding: Upholding,
): { field: string; reason: string } | null {
  const effects: readonly ReportEffect[] = effectsFor(subjectType);
  if (!effects.includes(upholding.effect))
    return { field: 'effect', reason: `must be one of ${effects.join(', ')} for a ${subjectType}` };
  if (upholding.effect !== 'violation') {
    return upholding.violationCode === undefined
      ? null
      : { field: 'violationCode', reason: 'only goes with the violation effect' };
  }
  const codes: string[] = violationCodesFor(subjectType);
  if (upholding.violationCode === undefined || !codes.includes(upholding.violationCode))
    return { field: 'violationCode', reason: `must be one of ${codes.join(', ')} for a ${subjectType}` };
  return null;
}

/** How many reports one buyer may file in a rolling day (a report costs a reviewer's minutes). */
export const REPORTS_PER_DAY = 20;

/** Whether a buyer who filed `filedToday` reports in the last 24 h may file one more. */
export function mayFileAnother(filedToday: number): boolean {
  return filedToday < REPORTS_PER_DAY;
}
