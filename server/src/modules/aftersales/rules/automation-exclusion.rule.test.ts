import { describe, expect, it } from 'vitest';
import { type AutomationExclusionInput, automationExclusion } from './automation-exclusion.rule.ts';

const plain: AutomationExclusionInput = { customMade: false, isVirtual: false, buyerHighRefund: false };

describe('what keeps a request off the automatic paths', () => {
  it.each<[string, Partial<AutomationExclusionInput>, string | null]>([
    ['ordinary goods, ordinary buyer', {}, null],
    ['custom-made goods', { customMade: true }, 'the item is custom-made'],
    ['virtual goods', { isVirtual: true }, 'the item is virtual'],
    ['a high-refund buyer', { buyerHighRefund: true }, 'the buyer is labelled high-refund'],
    [
      'custom-made goods named before the buyer label',
      { customMade: true, buyerHighRefund: true },
      'the item is custom-made',
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(automationExclusion({ ...plain, ...overrides })?.en ?? null).toBe(expected);
  });

  it('explains in Chinese too', () => {
    expect(automationExclusion({ ...plain, buyerHighRefund: true })?.zh).toBe('买家已被标记为高退款用户');
  });
});
