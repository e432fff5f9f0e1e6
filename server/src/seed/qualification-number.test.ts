import { describe, expect, it } from 'vitest';
import type { QualificationKind } from './demo-categories.ts';
import { demoQualificationNo } from './qualification-number.ts';
import { createRandom } from './random.ts';

// Shapes from product rules §6 (e.g. SC10632058300312, 国妆特字G20200456, 粤G妆网备字2020123456).
const cases: [QualificationKind, string, RegExp][] = [
  ['food_production_licence', 'tea', /^SC114\d{11}$/],
  ['food_production_licence', 'unknown_leaf', /^SC101\d{11}$/],
  ['food_business_licence', 'fruit', /^JY1\d{13}$/],
  ['cosmetic_registration', 'sunscreen', /^国妆特字G20(19|2[0-4])\d{4}$/],
  ['cosmetic_filing', 'skincare', /^[粤浙沪苏鲁滇]G妆网备字20(19|2[0-4])\d{6}$/],
];

describe('demoQualificationNo', () => {
  it.each(cases)('%s for %s has the documented shape', (kind, leaf, shape) => {
    const random = createRandom(3);
    for (let i = 0; i < 50; i++) expect(demoQualificationNo(kind, leaf, random)).toMatch(shape);
  });

  it('gives different numbers to different products', () => {
    const random = createRandom(5);
    const numbers = Array.from({ length: 100 }, () =>
      demoQualificationNo('cosmetic_filing', 'skincare', random),
    );
    expect(new Set(numbers).size).toBe(100);
  });
});
