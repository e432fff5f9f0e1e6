import { describe, expect, it } from 'vitest';
import type { Reason } from '../reasons.ts';
import { type LineFacts, reasonFits, requestOptions } from './request-options.rule.ts';

const phone: LineFacts = {
  orderState: 'paid',
  guarantees: ['no_reason_7d'],
  perishable: false,
  regulatedType: null,
  customMade: false,
  isVirtual: false,
  noReasonWindowOpen: false,
};
const iceCream: LineFacts = {
  ...phone,
  guarantees: ['melted_refund'],
  perishable: true,
  regulatedType: 'food',
};
const lipstick: LineFacts = {
  ...phone,
  guarantees: ['no_reason_7d', 'allergy_refund'],
  regulatedType: 'cosmetic',
};

const reasonsOf = (line: LineFacts, type: string) =>
  requestOptions(line).types.find((t) => t.type === type)?.reasons ?? [];

describe('the after-sales types offered for an order line', () => {
  it.each<[string, LineFacts, string[], string | null]>([
    ['an unpaid order', { ...phone, orderState: 'pending_payment' }, [], null],
    ['a cancelled order', { ...phone, orderState: 'cancelled' }, [], null],
    ['an unshipped phone', phone, ['refund_only_unshipped'], 'refund_only_unshipped'],
    ['a phone on its way', { ...phone, orderState: 'shipped' }, ['refund_only'], 'refund_only'],
    [
      'a delivered phone',
      { ...phone, orderState: 'delivered' },
      ['return_refund', 'refund_only', 'exchange', 'resend'],
      'return_refund',
    ],
    [
      'a completed phone',
      { ...phone, orderState: 'completed' },
      ['return_refund', 'refund_only', 'exchange', 'resend'],
      'return_refund',
    ],
    [
      'delivered ice cream with 化了包退',
      { ...iceCream, orderState: 'delivered' },
      ['return_refund', 'refund_only', 'exchange', 'resend', 'guarantee_claim'],
      'return_refund',
    ],
    [
      'a delivered virtual item',
      { ...phone, orderState: 'delivered', isVirtual: true },
      ['refund_only'],
      'refund_only',
    ],
    [
      'a delivered custom-made item',
      { ...phone, orderState: 'delivered', customMade: true },
      ['return_refund', 'refund_only', 'resend'],
      'return_refund',
    ],
  ])('%s', (_name, line, types, defaultType) => {
    const options = requestOptions(line);
    expect(options.types.map((t) => t.type)).toEqual(types);
    expect(options.defaultType).toBe(defaultType);
  });
});

describe('the reasons offered for a type', () => {
  it.each<[string, LineFacts, string, Reason[]]>([
    [
      'an unshipped phone: only not wanting it any more',
      phone,
      'refund_only_unshipped',
      ['not_shipped_yet', 'ordered_wrong', 'other'],
    ],
    [
      'unshipped ice cream: nothing melted or spoiled yet',
      iceCream,
      'refund_only_unshipped',
      ['not_shipped_yet', 'ordered_wrong', 'other'],
    ],
    [
      'a phone on its way: not received or refused',
      { ...phone, orderState: 'shipped' },
      'refund_only',
      ['not_received', 'dont_like', 'ordered_wrong', 'other'],
    ],
    [
      'returning a delivered phone inside the 7-day window',
      { ...phone, orderState: 'delivered', noReasonWindowOpen: true },
      'return_refund',
      [
        'no_reason',
        'dont_like',
        'ordered_wrong',
        'quality_issue',
        'damaged',
        'not_as_described',
        'wrong_item',
        'missing_parts',
        'counterfeit',
        'other',
      ],
    ],
    [
      'returning a delivered phone after the window: no "no reason"',
      { ...phone, orderState: 'delivered' },
      'return_refund',
      [
        'dont_like',
        'ordered_wrong',
        'quality_issue',
        'damaged',
        'not_as_described',
        'wrong_item',
        'missing_parts',
        'counterfeit',
        'other',
      ],
    ],
    [
      'a refund without return of a delivered phone: never melted, spoiled or allergy',
      { ...phone, orderState: 'delivered' },
      'refund_only',
      [
        'not_received',
        'quality_issue',
        'damaged',
        'not_as_described',
        'wrong_item',
        'missing_parts',
        'counterfeit',
        'other',
      ],
    ],
    [
      'a refund without return of delivered ice cream: melted and spoiled, no allergy',
      { ...iceCream, orderState: 'delivered' },
      'refund_only',
      [
        'not_received',
        'quality_issue',
        'damaged',
        'not_as_described',
        'wrong_item',
        'missing_parts',
        'counterfeit',
        'spoiled',
        'melted',
        'other',
      ],
    ],
    [
      'returning delivered ice cream: nothing subjective',
      { ...iceCream, orderState: 'delivered', noReasonWindowOpen: true },
      'return_refund',
      ['quality_issue', 'damaged', 'not_as_described', 'wrong_item', 'missing_parts', 'counterfeit', 'other'],
    ],
    [
      'a claim under 化了包退: melted',
      { ...iceCream, orderState: 'delivered' },
      'guarantee_claim',
      ['melted'],
    ],
    [
      'a delivered lipstick refunded: allergy fits a cosmetic',
      { ...lipstick, orderState: 'delivered' },
      'refund_only',
      [
        'not_received',
        'quality_issue',
        'damaged',
        'not_as_described',
        'wrong_item',
        'missing_parts',
        'counterfeit',
        'allergy',
        'other',
      ],
    ],
    [
      'a claim under 过敏包退: allergy',
      { ...lipstick, orderState: 'delivered' },
      'guarantee_claim',
      ['allergy'],
    ],
    [
      'a resend: parts missing or not received',
      { ...phone, orderState: 'delivered' },
      'resend',
      ['missing_parts', 'not_received', 'other'],
    ],
  ])('%s', (_name, line, type, reasons) => {
    expect(reasonsOf(line, type)).toEqual(reasons);
  });
});

describe('a reason the server refuses', () => {
  it.each<[string, LineFacts, string, Reason, { field: string } | null]>([
    ['melted for an unshipped phone', phone, 'refund_only_unshipped', 'melted', { field: 'reason' }],
    [
      'spoiled for a delivered phone',
      { ...phone, orderState: 'delivered' },
      'refund_only',
      'spoiled',
      {
        field: 'reason',
      },
    ],
    ['damaged before shipping', phone, 'refund_only_unshipped', 'damaged', { field: 'reason' }],
    ['melted ice cream, refunded', { ...iceCream, orderState: 'delivered' }, 'refund_only', 'melted', null],
    ['not shipped yet, still unshipped', phone, 'refund_only_unshipped', 'not_shipped_yet', null],
    [
      'a return of a virtual item',
      { ...phone, orderState: 'delivered', isVirtual: true },
      'return_refund',
      'other',
      {
        field: 'type',
      },
    ],
    // the opening rule names the wrong state; the claim rule names a missing guarantee
    ['a return of an unshipped phone', phone, 'return_refund', 'melted', null],
    [
      'a claim on a line without a claimable guarantee',
      { ...phone, orderState: 'delivered' },
      'guarantee_claim',
      'damaged',
      null,
    ],
  ])('%s', (_name, line, type, reason, refused) => {
    const fit = reasonFits(line, type as never, reason);
    if (refused) expect(fit).toMatchObject({ ok: false, ...refused });
    else expect(fit).toEqual({ ok: true });
  });

  it('names the reasons that fit', () => {
    expect(reasonFits(phone, 'refund_only_unshipped', 'melted')).toEqual({
      ok: false,
      field: 'reason',
      reason:
        'melted does not fit a refund_only_unshipped on this order line; fitting: not_shipped_yet, ordered_wrong, other',
    });
  });
});
