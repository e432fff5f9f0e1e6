import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import { type QualityRefundOrder, qualityRefundRate } from './quality-refund-rate.rule.ts';

const D = 24 * 3_600_000;
const paidAt = new Date('2026-11-01T10:00:00Z');
const day = (n: number) => new Date(paidAt.getTime() + n * D);
const policy = { qualityRefundWindowMs: defaultPolicy.qualityRefundWindowMs }; // 14 days

/** An order paid at `paidAt`, delivered on day `delivered`, whose first refund came on day `refund`. */
function order(
  delivered: number | null,
  refund?: { day: number; reason: string; guarantee?: boolean },
): QualityRefundOrder {
  return {
    paidAt,
    deliveredAt: delivered === null ? null : day(delivered),
    firstRefund: refund
      ? { at: day(refund.day), reason: refund.reason, handledUnderGuarantee: refund.guarantee ?? false }
      : null,
  };
}

describe('qualityRefundRate', () => {
  it.each<{
    name: string;
    orders: QualityRefundOrder[];
    eligible: number;
    qualityRefunds: number;
    rateBp: number;
  }>([
    { name: 'no orders: a rate of 0', orders: [], eligible: 0, qualityRefunds: 0, rateBp: 0 },
    {
      name: 'an order never delivered is not eligible',
      orders: [order(null)],
      eligible: 0,
      qualityRefunds: 0,
      rateBp: 0,
    },
    {
      name: 'delivered on day 14 exactly is eligible',
      orders: [order(14, { day: 14, reason: 'damaged' })],
      eligible: 1,
      qualityRefunds: 1,
      rateBp: 10_000,
    },
    {
      name: 'delivered on day 15 is not eligible',
      orders: [order(15, { day: 15, reason: 'damaged' })],
      eligible: 0,
      qualityRefunds: 0,
      rateBp: 0,
    },
    {
      name: 'a quality refund on day 15 does not count',
      orders: [order(3, { day: 15, reason: 'quality_issue' })],
      eligible: 1,
      qualityRefunds: 0,
      rateBp: 0,
    },
    {
      name: 'a first refund without a quality reason does not count (a later quality one is not first)',
      orders: [order(3, { day: 5, reason: 'dont_like' })],
      eligible: 1,
      qualityRefunds: 0,
      rateBp: 0,
    },
    {
      name: 'one quality refund in three delivered orders',
      orders: [
        order(2, { day: 4, reason: 'not_as_described' }),
        order(2),
        order(3, { day: 6, reason: 'no_reason' }),
      ],
      eligible: 3,
      qualityRefunds: 1,
      rateBp: 3_333,
    },
    {
      name: 'a refund before delivery with a quality reason counts once delivered in time',
      orders: [order(6, { day: 1, reason: 'wrong_item' })],
      eligible: 1,
      qualityRefunds: 1,
      rateBp: 10_000,
    },
    {
      name: 'an order handled under a guarantee leaves numerator and denominator',
      orders: [
        order(1, { day: 1, reason: 'spoiled', guarantee: true }),
        order(1, { day: 2, reason: 'damaged' }),
        order(1),
      ],
      eligible: 2,
      qualityRefunds: 1,
      rateBp: 5_000,
    },
    {
      name: 'a guarantee claim after the window does not take the order out',
      orders: [order(1, { day: 100, reason: 'quality_issue', guarantee: true })],
      eligible: 1,
      qualityRefunds: 0,
      rateBp: 0,
    },
    {
      name: 'only guarantee-handled orders: nothing eligible, a rate of 0',
      orders: [order(1, { day: 1, reason: 'damaged', guarantee: true })],
      eligible: 0,
      qualityRefunds: 0,
      rateBp: 0,
    },
    {
      name: 'an unknown reason is not a quality reason',
      orders: [order(1, { day: 2, reason: 'mystery' })],
      eligible: 1,
      qualityRefunds: 0,
      rateBp: 0,
    },
  ])('$name', ({ orders, eligible, qualityRefunds, rateBp }) => {
    expect(qualityRefundRate(orders, policy)).toEqual({ eligible, qualityRefunds, rateBp });
  });

  it('follows the configured window', () => {
    const orders = [order(10, { day: 10, reason: 'damaged' })];
    expect(qualityRefundRate(orders, { qualityRefundWindowMs: 7 * D })).toEqual({
      eligible: 0,
      qualityRefunds: 0,
      rateBp: 0,
    });
  });
});
