import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import type { RequestType } from '../aftersales.tables.ts';
import { type RequestOpeningInput, requestOpening } from './request-opening.rule.ts';

const D = 24 * 3_600_000;
const completedAt = new Date('2024-06-01T10:00:00+08:00');
const deliveredAt = new Date('2024-05-25T10:00:00+08:00');

const request = (overrides: Partial<RequestOpeningInput>): RequestOpeningInput => ({
  type: 'return_refund',
  orderState: 'delivered',
  deliveredAt,
  completedAt: null,
  now: new Date('2024-05-26T10:00:00+08:00'),
  requestsOnLine: 0,
  hasOpenRequest: false,
  ...overrides,
});

const ORDER_STATES = ['pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled'];

// Which order states accept each type: ✓ opens, anything else is the refused field.
const FITS: Record<RequestType, string[]> = {
  refund_only_unshipped: ['paid'],
  refund_only: ['shipped', 'delivered', 'completed'],
  return_refund: ['delivered', 'completed'],
  exchange: ['delivered', 'completed'],
  resend: ['delivered', 'completed'],
  guarantee_claim: ['delivered', 'completed'],
  late_shipment_compensation: [],
};

describe('opening an after-sales request', () => {
  const pairs = (Object.keys(FITS) as RequestType[]).flatMap((type) =>
    ORDER_STATES.map((orderState) => ({ type, orderState, fits: FITS[type].includes(orderState) })),
  );
  it.each(pairs)('$type on a $orderState order: opens is $fits', ({ type, orderState, fits }) => {
    const result = requestOpening(
      request({
        type,
        orderState,
        completedAt: orderState === 'completed' ? completedAt : null,
        now: completedAt,
      }),
      defaultPolicy,
    );
    if (fits) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, code: 'validation_failed' });
  });

  it.each<[string, Partial<RequestOpeningInput>, { field: string; reason: string; code: string }]>([
    [
      'a buyer asking for late-shipment compensation',
      { type: 'late_shipment_compensation', orderState: 'shipped' },
      {
        field: 'type',
        reason: 'late_shipment_compensation is opened by the platform, never by a buyer',
        code: 'validation_failed',
      },
    ],
    [
      'an unpaid order',
      { type: 'refund_only_unshipped', orderState: 'pending_payment' },
      { field: 'order', reason: 'the order is not paid', code: 'validation_failed' },
    ],
    [
      'a cancelled order',
      { type: 'refund_only_unshipped', orderState: 'cancelled' },
      { field: 'order', reason: 'the order is cancelled', code: 'validation_failed' },
    ],
    [
      'an unshipped refund on a delivered order',
      { type: 'refund_only_unshipped' },
      {
        field: 'type',
        reason: 'refund_only_unshipped is for orders that are paid; this order is delivered',
        code: 'validation_failed',
      },
    ],
    [
      'a return before delivery',
      { orderState: 'shipped', deliveredAt: null },
      {
        field: 'type',
        reason: 'return_refund is for orders that are delivered, completed; this order is shipped',
        code: 'validation_failed',
      },
    ],
    [
      'a completed order exactly 15 days after completion',
      { orderState: 'completed', completedAt, now: new Date(completedAt.getTime() + 15 * D) },
      {
        field: 'order',
        reason: 'after-sales requests close 15 days after completion, at 2024-06-16T02:00:00.000Z',
        code: 'validation_failed',
      },
    ],
    [
      'an open request on the line',
      { hasOpenRequest: true, requestsOnLine: 1 },
      {
        field: 'orderLineId',
        reason: 'the order line already has an open after-sales request',
        code: 'conflict',
      },
    ],
    [
      'a sixth request on the line',
      { requestsOnLine: 5 },
      {
        field: 'orderLineId',
        reason: 'the order line already has 5 requests; at most 5 are allowed',
        code: 'conflict',
      },
    ],
    [
      'a wrong type and an open request: the type is named first',
      { type: 'refund_only_unshipped', hasOpenRequest: true },
      {
        field: 'type',
        reason: expect.stringContaining('refund_only_unshipped is for'),
        code: 'validation_failed',
      },
    ],
  ])('refuses %s', (_name, overrides, expected) => {
    expect(requestOpening(request(overrides), defaultPolicy)).toEqual({ ok: false, ...expected });
  });

  it.each<[string, Partial<RequestOpeningInput>]>([
    ['a fifth request on the line', { requestsOnLine: 4 }],
    [
      'a completed order one millisecond before the window closes',
      { orderState: 'completed', completedAt, now: new Date(completedAt.getTime() + 15 * D - 1) },
    ],
    [
      'refund only while the parcel is on its way',
      { type: 'refund_only', orderState: 'shipped', deliveredAt: null },
    ],
  ])('accepts %s', (_name, overrides) => {
    expect(requestOpening(request(overrides), defaultPolicy)).toEqual({ ok: true });
  });

  it('follows the configured limits', () => {
    const policy = { ...defaultPolicy, maxRequestsPerLine: 2, requestWindowAfterCompletionMs: 30 * D };
    expect(requestOpening(request({ requestsOnLine: 2 }), policy)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const late = { orderState: 'completed', completedAt, now: new Date(completedAt.getTime() + 20 * D) };
    expect(requestOpening(request(late), policy)).toEqual({ ok: true });
    expect(requestOpening(request(late), defaultPolicy)).toMatchObject({ ok: false, field: 'order' });
  });
});
