import { describe, expect, it } from 'vitest';
import { QUALIFICATION_CODES } from './qualification-codes.ts';
import {
  canonicalQualificationNo,
  QUALIFICATION_SHAPES,
  qualificationKindOf,
} from './qualification-shape.rule.ts';

describe('qualification number shapes (product rules §6)', () => {
  it.each(QUALIFICATION_CODES)('%s: its own example has its shape', (code) => {
    expect(qualificationKindOf(QUALIFICATION_SHAPES[code].example, [code])).toBe(code);
  });

  it.each([
    ['SC10632058300312', 'food_production_licence'],
    ['sc 1063 2058 3003 12', 'food_production_licence'],
    ['ＳＣ１０６３２０５８３００３１２', 'food_production_licence'],
    ['JY14403050012345', 'food_business_licence'],
    ['国食健注G20200123', 'health_food_registration'],
    ['食健备G202032000123', 'health_food_registration'],
    ['国妆特字G20200456', 'cosmetic_registration'],
    ['国妆特进字J20200456', 'cosmetic_registration'],
    ['粤G妆网备字2020123456', 'cosmetic_filing'],
    ['浙G妆网备字2021000001', 'cosmetic_filing'],
    ['国药准字H20203001', 'drug_approval'],
    ['国药准字Z20203001', 'drug_approval'],
    ['国械注准20203140001', 'medical_device_registration'],
    ['粤械注准20202140001', 'medical_device_registration'],
    ['国械注进20203140001', 'medical_device_registration'],
    ['粤穗械备20200001', 'medical_device_filing'],
  ] as const)('%s is a %s', (number, code) => {
    expect(qualificationKindOf(number, [code])).toBe(code);
  });

  it.each([
    ['SC1063205830031', 'food_production_licence', 'one digit short'],
    ['SC106320583003121', 'food_production_licence', 'one digit long'],
    ['SX10632058300312', 'food_production_licence', 'wrong prefix'],
    ['JY1440305001234A', 'food_business_licence', 'a letter among the digits'],
    ['国妆特字X20200456', 'cosmetic_registration', 'neither G nor J'],
    ['美G妆网备字2020123456', 'cosmetic_filing', 'not a province'],
    ['粤G妆网备字202012345', 'cosmetic_filing', 'serial too short'],
    ['国药准字X20203001', 'drug_approval', 'unknown drug class'],
    ['国械注准2020314000', 'medical_device_registration', 'ten digits'],
    ['', 'food_production_licence', 'empty'],
  ] as const)('%s is not a %s (%s)', (number, code, _why) => {
    expect(qualificationKindOf(number, [code])).toBeNull();
  });

  it('picks the document among several a category accepts', () => {
    expect(qualificationKindOf('粤G妆网备字2020123456', ['cosmetic_registration', 'cosmetic_filing'])).toBe(
      'cosmetic_filing',
    );
    expect(qualificationKindOf('SC10632058300312', ['cosmetic_registration', 'cosmetic_filing'])).toBeNull();
  });

  it('canonical form drops spaces and widens nothing else', () => {
    expect(canonicalQualificationNo(' 国药准字 h2020 3001 ')).toBe('国药准字H20203001');
  });
});
