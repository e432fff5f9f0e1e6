import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/index.tsx';
import { couponRule, zhe, zheToBp } from './coupon-rule.ts';

const money = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate('zh', key, vars);

describe('coupon words', () => {
  it.each([
    [1_000, '9'],
    [1_500, '8.5'],
    [100, '9.9'],
  ])('%i bp off is %s折', (bp, text) => {
    expect(zhe(bp)).toBe(text);
    expect(zheToBp(text)).toBe(bp);
  });

  it.each(['10', '0.5', '9.25', 'abc', ''])('refuses %s as 折', (text) => {
    expect(zheToBp(text)).toBeUndefined();
  });

  it.each([
    [
      { kind: 'threshold', thresholdFen: 19_900, discountFen: 2_000, percentBp: 0, capFen: null },
      '满¥199.00减¥20.00',
    ],
    [
      { kind: 'percent', thresholdFen: 0, discountFen: 0, percentBp: 1_000, capFen: 3_000 },
      '9折，最高减¥30.00',
    ],
    [
      { kind: 'percent', thresholdFen: 5_000, discountFen: 0, percentBp: 500, capFen: null },
      '满¥50.00打9.5折',
    ],
    [
      { kind: 'no_threshold', thresholdFen: 0, discountFen: 500, percentBp: 0, capFen: null },
      '无门槛减¥5.00',
    ],
  ] as const)('%o reads %s', (terms, text) => {
    expect(couponRule(zh, money, terms)).toBe(text);
  });
});
