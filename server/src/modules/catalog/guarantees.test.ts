import { describe, expect, it } from 'vitest';
import { effectiveGuarantees, GUARANTEE_CODES, isGuaranteeCode } from './guarantees.ts';

describe('guarantee list', () => {
  it('holds the ten codes of product rules §4, each once', () => {
    expect(new Set(GUARANTEE_CODES).size).toBe(10);
    expect(isGuaranteeCode('fake_pays_n')).toBe(true);
    expect(isGuaranteeCode('free_lunch')).toBe(false);
  });

  it.each<[string[], string[], string[]]>([
    [['no_reason_7d'], [], ['no_reason_7d']],
    [[], ['damage_refund'], ['damage_refund']],
    [
      ['damage_refund', 'no_reason_7d'],
      ['no_reason_7d', 'freight_insurance'],
      ['no_reason_7d', 'freight_insurance', 'damage_refund'],
    ],
    [[], [], []],
    [['retired_code'], ['authenticity'], ['authenticity']],
  ])('category defaults %j ∪ opt-in %j → %j', (defaults, optIn, expected) => {
    expect(effectiveGuarantees(defaults, optIn).map((g) => g.code)).toEqual(expected);
  });

  it('labels each effective guarantee in Chinese and English', () => {
    expect(effectiveGuarantees(['fake_pays_n'], [])[0]).toMatchObject({
      zh: '假一赔十',
      en: 'Counterfeit pays ten times',
    });
  });
});
