import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import { type InstantRefundInput, instantRefund } from './instant-refund.rule.ts';

const eligible: InstantRefundInput = {
  orderState: 'paid',
  amountFen: 12_000,
  buyerHighRefund: false,
  customMade: false,
  isVirtual: false,
};

describe('极速退款 instant refund', () => {
  it.each<[string, Partial<InstantRefundInput>, 'approve' | 'manual', string]>([
    [
      'unshipped, ¥120',
      {},
      'approve',
      'Refunded at once: the order was not shipped and ¥120.00 is below ¥300.00',
    ],
    [
      'one fen below the limit',
      { amountFen: 29_999 },
      'approve',
      'Refunded at once: the order was not shipped and ¥299.99 is below ¥300.00',
    ],
    [
      'exactly the limit',
      { amountFen: 30_000 },
      'manual',
      'No instant refund: ¥300.00 is not below the instant-refund limit of ¥300.00; the merchant decides',
    ],
    [
      'shipped',
      { orderState: 'shipped' },
      'manual',
      'No instant refund: the order is not awaiting shipment (shipped); the merchant decides',
    ],
    [
      'shipped and too expensive: the order state is named first',
      { orderState: 'delivered', amountFen: 50_000 },
      'manual',
      'No instant refund: the order is not awaiting shipment (delivered); the merchant decides',
    ],
    [
      'a high-refund buyer',
      { buyerHighRefund: true },
      'manual',
      'No instant refund: the buyer is labelled high-refund; the merchant decides',
    ],
    [
      'custom-made goods',
      { customMade: true },
      'manual',
      'No instant refund: the item is custom-made; the merchant decides',
    ],
    [
      'virtual goods',
      { isVirtual: true },
      'manual',
      'No instant refund: the item is virtual; the merchant decides',
    ],
  ])('%s → %s', (_name, overrides, outcome, en) => {
    const decision = instantRefund({ ...eligible, ...overrides }, defaultPolicy);
    expect(decision.rule).toBe('instant_refund');
    expect(decision.outcome).toBe(outcome);
    expect(decision.explanation.en).toBe(en);
  });

  it('explains in Chinese and records the inputs with the limit in force', () => {
    const decision = instantRefund(eligible, defaultPolicy);
    expect(decision.explanation.zh).toBe('订单未发货且金额¥120.00低于¥300.00，已极速退款');
    expect(decision.inputs).toEqual({ ...eligible, instantRefundBelowFen: 30_000 });
  });

  it('follows a changed limit', () => {
    const decision = instantRefund({ ...eligible, amountFen: 30_000 }, { instantRefundBelowFen: 50_000 });
    expect(decision.outcome).toBe('approve');
    expect(decision.explanation.zh).toBe('订单未发货且金额¥300.00低于¥500.00，已极速退款');
  });
});
