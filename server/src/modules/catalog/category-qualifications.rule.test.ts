import { describe, expect, it } from 'vitest';
import type { RegulatedType } from './catalog.tables.ts';
import { qualificationsProblem } from './category-qualifications.rule.ts';
import type { QualificationCode } from './qualifications.ts';

describe('qualifications a category requires', () => {
  it.each<[RegulatedType | null, QualificationCode[], string | null]>([
    [null, [], null],
    [null, ['food_business_licence'], 'a category that is not regulated requires no qualifications'],
    ['food', [], 'a food category must require at least one qualification'],
    ['food', ['food_production_licence', 'food_business_licence'], null],
    ['food', ['health_food_registration'], null],
    ['cosmetic', ['cosmetic_filing'], null],
    ['cosmetic', ['drug_approval'], 'drug_approval is a drug document, not cosmetic'],
    ['drug', ['drug_approval'], null],
    ['medical_device', ['medical_device_registration', 'medical_device_filing'], null],
    [
      'medical_device',
      ['medical_device_filing', 'cosmetic_registration'],
      'cosmetic_registration is a cosmetic document, not medical_device',
    ],
  ])('%s requiring %j → %s', (type, required, problem) => {
    expect(qualificationsProblem(type, required)).toBe(problem);
  });
});
