import { QUALIFICATIONS, type QualificationCode, type RegulatedType } from '../qualifications/index.ts';

// The qualification documents are the qualifications module's (it checks their shapes and registry).
export { QUALIFICATION_CODES, QUALIFICATIONS, type QualificationCode } from '../qualifications/index.ts';

export const REGULATED_TYPES = [
  'food',
  'drug',
  'cosmetic',
  'medical_device',
] as const satisfies readonly RegulatedType[];

export function qualificationType(code: QualificationCode): RegulatedType {
  return QUALIFICATIONS.find((q) => q.code === code)!.regulatedType;
}
