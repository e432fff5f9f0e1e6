import { describe, expect, it } from 'vitest';
import { type GuaranteeTraits, guaranteeRefusal, refusedGuarantees } from './category-guarantees.rule.ts';
import type { GuaranteeCode } from './guarantees.ts';

const apparel: GuaranteeTraits = {
  regulatedType: null,
  noReasonReturn: true,
  perishable: false,
  customMade: false,
  isVirtual: false,
};
const freshFruit: GuaranteeTraits = { ...apparel, regulatedType: 'food', perishable: true };
const lipstick: GuaranteeTraits = { ...apparel, regulatedType: 'cosmetic' };
const engravedRing: GuaranteeTraits = { ...apparel, customMade: true };
const phoneTopUp: GuaranteeTraits = { ...apparel, isVirtual: true };
const underwear: GuaranteeTraits = { ...apparel, noReasonReturn: false };

describe('which guarantees a category may carry', () => {
  it.each<[string, GuaranteeTraits, GuaranteeCode, string | null]>([
    ['apparel', apparel, 'no_reason_7d', null],
    ['fresh fruit', freshFruit, 'no_reason_7d', 'not for perishable goods'],
    ['an engraved ring', engravedRing, 'no_reason_7d', 'not for custom-made goods'],
    ['a phone top-up', phoneTopUp, 'no_reason_7d', 'not for virtual goods'],
    ['underwear', underwear, 'no_reason_7d', 'the category has no 7-day no-reason returns'],
    ['fresh fruit', freshFruit, 'spoiled_refund', null],
    ['apparel', apparel, 'spoiled_refund', 'only for perishable goods'],
    ['fresh fruit', freshFruit, 'melted_refund', null],
    ['fresh fruit', freshFruit, 'segment_refund', null],
    ['apparel', apparel, 'segment_refund', 'only for perishable goods'],
    ['lipstick', lipstick, 'allergy_refund', null],
    ['apparel', apparel, 'allergy_refund', 'only for cosmetics'],
    ['apparel', apparel, 'freight_insurance', null],
    ['underwear', underwear, 'freight_insurance', null],
    ['a phone top-up', phoneTopUp, 'freight_insurance', 'virtual goods are not shipped'],
    ['a phone top-up', phoneTopUp, 'damage_refund', 'virtual goods are not shipped'],
    ['an engraved ring', engravedRing, 'damage_refund', null],
    ['apparel', apparel, 'fake_pays_n', null],
    ['apparel', apparel, 'authenticity', null],
    ['apparel', apparel, 'used_phone_warranty', null],
    ['fresh fruit', freshFruit, 'used_phone_warranty', 'not for perishable goods'],
  ])('%s × %s → %s', (_name, category, code, reason) => {
    expect(guaranteeRefusal(category, code)).toBe(reason);
  });

  it('lists every refused guarantee with its reason and keeps the allowed ones out', () => {
    expect(refusedGuarantees(freshFruit, ['spoiled_refund', 'no_reason_7d', 'allergy_refund'])).toEqual([
      { code: 'no_reason_7d', reason: 'not for perishable goods' },
      { code: 'allergy_refund', reason: 'only for cosmetics' },
    ]);
    expect(refusedGuarantees(apparel, [])).toEqual([]);
  });
});
