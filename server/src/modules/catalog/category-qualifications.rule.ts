import type { RegulatedType } from './catalog.tables.ts';
import { type QualificationCode, qualificationType } from './qualifications.ts';

/**
 * Why a category's required qualifications do not fit its regulated type, or null when they do:
 * a regulated category (三品一械) requires at least one document of its own type, any other none.
 */
export function qualificationsProblem(
  regulatedType: RegulatedType | null,
  required: readonly QualificationCode[],
): string | null {
  if (regulatedType === null) {
    return required.length === 0 ? null : 'a category that is not regulated requires no qualifications';
  }
  if (required.length === 0) return `a ${regulatedType} category must require at least one qualification`;
  const foreign = required.find((code) => qualificationType(code) !== regulatedType);
  return foreign ? `${foreign} is a ${qualificationType(foreign)} document, not ${regulatedType}` : null;
}
