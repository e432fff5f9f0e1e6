import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import type { DeadlineAction, RequestState, RequestType } from '../aftersales.tables.ts';
import { receiptExtensionAllowed, stateDeadline } from './request-deadline.rule.ts';

const H = 3_600_000;
const D = 24 * H;

const TYPES: RequestType[] = [
  'refund_only_unshipped',
  'refund_only',
  'return_refund',
  'exchange',
  'resend',
  'guarantee_claim',
  'late_shipment_compensation',
];

// product rules §5 defaults, per state; guarantee claims differ while the merchant answers (§4).
const EXPECTED: Record<RequestState, { afterMs: number; action: DeadlineAction; words: string } | null> = {
  pending_merchant: { afterMs: 48 * H, action: 'approve', words: '48 h' },
  awaiting_return: { afterMs: 7 * D, action: 'close', words: '7 days' },
  return_shipped: { afterMs: 7 * D, action: 'refund', words: '7 days' },
  awaiting_reship: { afterMs: 48 * H, action: 'refund', words: '48 h' },
  rejected: { afterMs: 7 * D, action: 'close', words: '7 days' },
  in_arbitration: { afterMs: 120 * H, action: 'decide_for_buyer', words: '5 days' },
  refunded: null,
  resolved: null,
  closed: null,
};

describe('the deadline of each request state', () => {
  const pairs = TYPES.flatMap((type) =>
    (Object.keys(EXPECTED) as RequestState[]).map((state) => {
      const expected =
        type === 'guarantee_claim' && state === 'pending_merchant'
          ? { afterMs: 24 * H, action: 'platform_pays' as const, words: '24 h' }
          : EXPECTED[state];
      return { type, state, expected };
    }),
  );

  it.each(pairs)('$type in $state', ({ type, state, expected }) => {
    const deadline = stateDeadline({ type, state }, defaultPolicy);
    if (!expected) {
      expect(deadline).toBeNull();
      return;
    }
    expect(deadline).toMatchObject({ afterMs: expected.afterMs, action: expected.action });
    expect(deadline?.explanation.en).toContain(expected.words);
    expect(deadline?.explanation.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each<[RequestType, RequestState, string, string]>([
    [
      'return_refund',
      'pending_merchant',
      'The merchant has 48 h to answer; after that the request is approved automatically',
      '商家需在48小时内处理，逾期自动同意',
    ],
    [
      'guarantee_claim',
      'pending_merchant',
      "The merchant has 24 h to answer the claim; after that the platform pays the buyer from the merchant's deposit",
      '商家需在24小时内处理保障申请，逾期由平台从商家保证金先行赔付',
    ],
    [
      'return_refund',
      'awaiting_return',
      'The buyer has 7 days to ship the return and enter its tracking number; after that the request closes',
      '买家需在7天内寄回商品并填写运单号，逾期售后关闭',
    ],
    [
      'exchange',
      'return_shipped',
      'The merchant has 7 days to confirm receipt of the return; after that the buyer is refunded automatically',
      '商家需在7天内确认收到退货，逾期自动退款',
    ],
    [
      'resend',
      'awaiting_reship',
      'The merchant has 48 h to ship the replacement; after that the buyer is refunded automatically',
      '商家需在48小时内发出换货或补寄商品，逾期自动退款',
    ],
    [
      'refund_only',
      'rejected',
      'The buyer has 7 days to submit a new request or ask the platform to step in; after that the request closes',
      '买家可在7天内重新申请或申请平台介入，逾期售后关闭',
    ],
    [
      'return_refund',
      'in_arbitration',
      'The merchant has 48 h to submit evidence and the platform decides within 72 h after that; undecided after 5 days, it is decided for the buyer',
      '商家需在48小时内提交凭证，平台随后72小时内裁决；5天内未裁决则支持买家',
    ],
  ])('%s in %s tells the waiting party', (type, state, en, zh) => {
    expect(stateDeadline({ type, state }, defaultPolicy)?.explanation).toEqual({ zh, en });
  });

  it('adds the one receipt extension to the receipt deadline', () => {
    const deadline = stateDeadline(
      { type: 'return_refund', state: 'return_shipped', receiptExtended: true },
      defaultPolicy,
    );
    expect(deadline).toMatchObject({ afterMs: 14 * D, action: 'refund' });
    expect(deadline?.explanation.en).toBe(
      'The merchant has 14 days (extended once) to confirm receipt of the return; after that the buyer is refunded automatically',
    );
  });

  it('ignores the receipt extension in other states', () => {
    expect(
      stateDeadline(
        { type: 'return_refund', state: 'awaiting_return', receiptExtended: true },
        defaultPolicy,
      ),
    ).toMatchObject({
      afterMs: 7 * D,
    });
  });

  it('follows the configured durations', () => {
    const policy = { ...defaultPolicy, merchantResponseMs: 72 * H, arbitrationDecisionMs: 24 * H };
    expect(stateDeadline({ type: 'refund_only', state: 'pending_merchant' }, policy)?.afterMs).toBe(72 * H);
    expect(stateDeadline({ type: 'refund_only', state: 'in_arbitration' }, policy)?.afterMs).toBe(72 * H);
  });

  it.each([
    [false, true],
    [true, false],
  ])('receipt already extended: %s → may extend: %s', (extended, allowed) => {
    expect(receiptExtensionAllowed(extended)).toBe(allowed);
  });
});
