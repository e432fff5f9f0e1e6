import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { effectiveStart, type FlashSaleProposal, flashSaleProblems } from './flash-sale.rule.ts';

const now = new Date('2026-12-07T02:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const sku = { priceFen: 9_900, stock: 50 };
const good: FlashSaleProposal = {
  priceFen: 5_900,
  stockCap: 20,
  perBuyerLimit: 2,
  startsAt: at(10 * MINUTE),
  endsAt: at(70 * MINUTE),
};

describe('flash sale rules (DOMAIN.md §9)', () => {
  it('accepts a sale below the price, within stock, starting later, an hour long', () => {
    expect(flashSaleProblems(good, sku, now)).toEqual([]);
  });

  it.each<[string, Partial<FlashSaleProposal>, string, RegExp]>([
    ['a price of 0', { priceFen: 0 }, 'priceFen', /above 0/],
    ['the SKU price itself', { priceFen: 9_900 }, 'priceFen', /below the SKU's price of 9900/],
    ['a price above the SKU price', { priceFen: 10_000 }, 'priceFen', /below/],
    ['a cap of 0', { stockCap: 0 }, 'stockCap', /at least 1/],
    ['a cap above the stock', { stockCap: 51 }, 'stockCap', /stock of 50/],
    ['a per-buyer limit of 0', { perBuyerLimit: 0 }, 'perBuyerLimit', /at least 1/],
    ['a per-buyer limit above the cap', { perBuyerLimit: 21 }, 'perBuyerLimit', /stock cap/],
    ['a start in the past', { startsAt: at(-2 * MINUTE) }, 'startsAt', /now or in the future/],
    [
      'a start 31 days ahead',
      { startsAt: at(31 * 24 * HOUR), endsAt: at(31 * 24 * HOUR + HOUR) },
      'startsAt',
      /30 days/,
    ],
    ['a window under a minute', { endsAt: at(10 * MINUTE + 59_000) }, 'endsAt', /at least 1 minute/],
    ['an end before the start', { endsAt: at(5 * MINUTE) }, 'endsAt', /at least 1 minute/],
    ['a window over 24 h', { endsAt: at(10 * MINUTE + 24 * HOUR + 1) }, 'endsAt', /at most 24 hours/],
  ])('refuses %s, naming the field', (_, change, field, reason) => {
    const problems = flashSaleProblems({ ...good, ...change }, sku, now);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe(field);
    expect(problems[0]!.reason).toMatch(reason);
  });

  it.each([
    ['exactly 1 minute', MINUTE, []],
    ['exactly 24 hours', 24 * HOUR, []],
  ])('accepts a window of %s', (_, length, expected) => {
    expect(flashSaleProblems({ ...good, startsAt: now, endsAt: at(length as number) }, sku, now)).toEqual(
      expected,
    );
  });

  it('takes a start a few seconds ago as now (clock skew), and measures the window from now', () => {
    const startsAt = at(-30_000);
    expect(
      flashSaleProblems({ ...good, startsAt, endsAt: at(30_000) }, sku, now).map((p) => p.field),
    ).toEqual(['endsAt']);
    expect(effectiveStart(startsAt, now)).toEqual(now);
    expect(effectiveStart(at(MINUTE), now)).toEqual(at(MINUTE));
  });

  it('a cap equal to the stock and a limit equal to the cap are allowed', () => {
    expect(flashSaleProblems({ ...good, stockCap: 50, perBuyerLimit: 50 }, sku, now)).toEqual([]);
  });

  it('reports every problem at once', () => {
    const fields = flashSaleProblems(
      { priceFen: 0, stockCap: 0, perBuyerLimit: 0, startsAt: at(-HOUR), endsAt: at(-HOUR) },
      sku,
      now,
    ).map((p) => p.field);
    expect(fields).toEqual(['priceFen', 'stockCap', 'perBuyerLimit', 'startsAt', 'endsAt']);
  });
});
