import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import { type LightningReturnInput, lightningReturn } from './lightning-return.rule.ts';

// Delivered on 10 March, Shanghai time: the window closes at 00:00 on 18 March.
const deliveredAt = new Date('2024-03-10T15:00:00+08:00');
const closesAt = new Date('2024-03-18T00:00:00+08:00');

const eligible: LightningReturnInput = {
  guarantees: ['no_reason_7d', 'freight_insurance'],
  deliveredAt,
  now: new Date('2024-03-12T10:00:00+08:00'),
  reason: 'dont_like',
  amountFen: 50_000,
  customMade: false,
  isVirtual: false,
  buyerHighRefund: false,
};

const noLightning = (why: string) => `No lightning return: ${why}; the merchant decides`;

describe('闪电退货 lightning return', () => {
  it.each<[string, Partial<LightningReturnInput>, 'approve' | 'manual', string]>([
    [
      "don't like it, ¥500, on day 2",
      {},
      'approve',
      'Return approved at once: within the no-reason window of 7 days, a subjective reason, and ¥500.00 is at most ¥1,000.00',
    ],
    [
      'exactly ¥1,000',
      { amountFen: 100_000 },
      'approve',
      expect.stringContaining('¥1,000.00 is at most ¥1,000.00'),
    ],
    [
      'one fen above ¥1,000',
      { amountFen: 100_001 },
      'manual',
      noLightning('¥1,000.01 is above the lightning-return limit of ¥1,000.00'),
    ],
    ['no reason', { reason: 'no_reason' }, 'approve', expect.stringContaining('Return approved at once')],
    [
      'ordered by mistake',
      { reason: 'ordered_wrong' },
      'approve',
      expect.stringContaining('Return approved at once'),
    ],
    [
      'a quality reason',
      { reason: 'quality_issue' },
      'manual',
      noLightning('the reason "Quality problem" is not a subjective one'),
    ],
    [
      'an unknown reason',
      { reason: 'bored' },
      'manual',
      noLightning('the reason "bored" is not a subjective one'),
    ],
    ['at delivery', { now: deliveredAt }, 'approve', expect.stringContaining('Return approved at once')],
    [
      'the last millisecond of the window',
      { now: new Date(closesAt.getTime() - 1) },
      'approve',
      expect.stringContaining('Return approved at once'),
    ],
    [
      'exactly when the window closes',
      { now: closesAt },
      'manual',
      noLightning('the request is outside the no-reason window of 7 days'),
    ],
    [
      'before delivery (a clock out of step)',
      { now: new Date(deliveredAt.getTime() - 1) },
      'manual',
      noLightning('the request is outside the no-reason window of 7 days'),
    ],
    ['not delivered', { deliveredAt: null }, 'manual', noLightning('the order has not been delivered')],
    [
      'no 7-day guarantee on the line',
      { guarantees: ['freight_insurance'] },
      'manual',
      noLightning('the item has no 7-day no-reason return'),
    ],
    ['custom-made goods', { customMade: true }, 'manual', noLightning('the item is custom-made')],
    ['virtual goods', { isVirtual: true }, 'manual', noLightning('the item is virtual')],
    [
      'a high-refund buyer',
      { buyerHighRefund: true },
      'manual',
      noLightning('the buyer is labelled high-refund'),
    ],
    [
      'several failures: the guarantee is named first',
      { guarantees: [], amountFen: 200_000, reason: 'damaged' },
      'manual',
      noLightning('the item has no 7-day no-reason return'),
    ],
  ])('%s → %s', (_name, overrides, outcome, en) => {
    const decision = lightningReturn({ ...eligible, ...overrides }, defaultPolicy);
    expect(decision.rule).toBe('lightning_return');
    expect(decision.outcome).toBe(outcome);
    expect(decision.explanation.en).toEqual(en);
  });

  it('explains in Chinese and records the window and limit it used', () => {
    const decision = lightningReturn(eligible, defaultPolicy);
    expect(decision.explanation.zh).toBe(
      '在7天无理由退货期内、原因为主观原因且金额¥500.00不超过¥1,000.00，已自动同意退货',
    );
    expect(decision.inputs).toMatchObject({
      deliveredAt: deliveredAt.toISOString(),
      noReasonClosesAt: closesAt.toISOString(),
      lightningReturnMaxFen: 100_000,
      reason: 'dont_like',
    });
  });

  it('follows the configured timezone for the window', () => {
    // 15:00 Shanghai is 07:00 UTC on the same day: on UTC the window closes at 00:00 UTC on 18 March,
    // eight hours after it closed in Shanghai.
    const now = new Date('2024-03-18T03:00:00+08:00');
    expect(lightningReturn({ ...eligible, now }, defaultPolicy).outcome).toBe('manual');
    expect(
      lightningReturn({ ...eligible, now }, { ...defaultPolicy, timezoneOffsetMinutes: 0 }).outcome,
    ).toBe('approve');
  });
});
