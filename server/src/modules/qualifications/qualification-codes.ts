/** The regulated kinds of goods (三品一械): food, drugs, cosmetics, medical devices. */
export type RegulatedType = 'food' | 'drug' | 'cosmetic' | 'medical_device';

/**
 * Qualification documents a regulated category (三品一械) may require, and the regulated type each
 * belongs to (product rules §6 lists their shapes; qualification-shape.rule.ts checks them).
 */
export const QUALIFICATIONS = [
  { code: 'food_production_licence', regulatedType: 'food', zh: '食品生产许可证' },
  { code: 'food_business_licence', regulatedType: 'food', zh: '食品经营许可证' },
  { code: 'health_food_registration', regulatedType: 'food', zh: '保健食品注册/备案' },
  { code: 'cosmetic_registration', regulatedType: 'cosmetic', zh: '特殊化妆品注册证' },
  { code: 'cosmetic_filing', regulatedType: 'cosmetic', zh: '普通化妆品备案' },
  { code: 'drug_approval', regulatedType: 'drug', zh: '药品批准文号' },
  { code: 'medical_device_registration', regulatedType: 'medical_device', zh: '医疗器械注册证' },
  { code: 'medical_device_filing', regulatedType: 'medical_device', zh: '第一类医疗器械备案' },
] as const satisfies readonly { code: string; regulatedType: RegulatedType; zh: string }[];

export type QualificationCode = (typeof QUALIFICATIONS)[number]['code'];

export const QUALIFICATION_CODES: readonly QualificationCode[] = QUALIFICATIONS.map((q) => q.code);
