import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import { type FreightAbuseInput, freightAbuse } from './freight-abuse.rule.ts';

// Defaults: 30 days, at least 5 no-quality returns, above 30% of the orders.
const policy = { freightAbuse: defaultPolicy.freightAbuse };

describe('freightAbuse', () => {
  it.each<{ name: string; input: FreightAbuseInput; expected: 'flag' | 'none' }>([
    { name: '5 returns on 10 orders (50%)', input: { orders: 10, noQualityReturns: 5 }, expected: 'flag' },
    {
      name: '4 returns on 5 orders: too few returns',
      input: { orders: 5, noQualityReturns: 4 },
      expected: 'none',
    },
    { name: 'exactly 30% is not above it', input: { orders: 20, noQualityReturns: 6 }, expected: 'none' },
    { name: 'just above 30%', input: { orders: 20, noQualityReturns: 7 }, expected: 'flag' },
    {
      name: 'many returns on a best-seller (5%)',
      input: { orders: 1_000, noQualityReturns: 50 },
      expected: 'none',
    },
    {
      name: 'returns of orders placed before the window',
      input: { orders: 0, noQualityReturns: 5 },
      expected: 'flag',
    },
    { name: 'nothing returned', input: { orders: 0, noQualityReturns: 0 }, expected: 'none' },
  ])('$name → $expected', ({ input, expected }) => {
    expect(freightAbuse(input, policy).outcome).toBe(expected);
  });

  it('explains itself with the numbers', () => {
    const decision = freightAbuse({ orders: 10, noQualityReturns: 5 }, policy);
    expect(decision.inputs).toMatchObject({ orders: 10, noQualityReturns: 5, rateBp: 5_000 });
    expect(decision.explanation.zh).toContain('30天内订单10笔、非质量原因退货5次（50%）');
    expect(decision.explanation.en).toContain('freight abuse');
    expect(freightAbuse({ orders: 20, noQualityReturns: 6 }, policy).explanation.en).toContain(
      'not above 30%',
    );
  });
});
