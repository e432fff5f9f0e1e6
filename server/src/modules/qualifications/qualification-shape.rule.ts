import type { QualificationCode } from './qualification-codes.ts';

// 省级简称: the provinces, regions and municipalities that issue filings and class II registrations.
const PROVINCE = '[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]';

/**
 * The shapes of the qualification documents of 三品一械 (product rules §6): checked before the registry,
 * so a typo is told apart from a number that does not exist.
 */
export const QUALIFICATION_SHAPES: Record<QualificationCode, { pattern: RegExp; example: string }> = {
  food_production_licence: { pattern: /^SC\d{14}$/, example: 'SC10632058300312' },
  food_business_licence: { pattern: /^JY\d{14}$/, example: 'JY14403050012345' },
  health_food_registration: { pattern: /^(国食健注G\d{8}|食健备G\d{12})$/, example: '国食健注G20200123' },
  cosmetic_registration: { pattern: /^国妆特(进)?字[GJ]\d{8}$/, example: '国妆特字G20200456' },
  cosmetic_filing: { pattern: new RegExp(`^${PROVINCE}G妆网备字\\d{10}$`), example: '粤G妆网备字2020123456' },
  drug_approval: { pattern: /^国药准字[HZSJ]\d{8}$/, example: '国药准字H20203001' },
  medical_device_registration: {
    pattern: new RegExp(`^(国|${PROVINCE})械注[准进]\\d{11}$`),
    example: '国械注准20203140001',
  },
  medical_device_filing: {
    pattern: new RegExp(`^${PROVINCE}[\\u4e00-\\u9fa5]?械备\\d{8}$`),
    example: '粤穗械备20200001',
  },
};

/** Spaces and full-width letters or digits people paste are not part of the number. */
export function canonicalQualificationNo(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * Which of the category's accepted documents the number has the shape of, or null when none: the
 * number then cannot be right, whatever the registry says.
 */
export function qualificationKindOf(
  number: string,
  accepted: readonly QualificationCode[],
): QualificationCode | null {
  const canonical = canonicalQualificationNo(number);
  return accepted.find((code) => QUALIFICATION_SHAPES[code].pattern.test(canonical)) ?? null;
}
