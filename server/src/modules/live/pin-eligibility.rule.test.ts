import { describe, expect, it } from 'vitest';
import { decidePin, MAX_ACTIVE_PINS, type PinCandidate } from './pin-eligibility.rule.ts';

const offered: PinCandidate = { shopId: 7, state: 'listed', creatorCommissionBp: 1_500 };
const notOffered: PinCandidate = { ...offered, creatorCommissionBp: null };
const base = { alreadyPinned: false, activePins: 0 };

describe('decidePin', () => {
  it.each([
    ['creator pins an offered product at its rate', { hostShopId: null, product: offered }, 1_500],
    [
      'creator pins a product offered at 0%',
      { hostShopId: null, product: { ...offered, creatorCommissionBp: 0 } },
      0,
    ],
    ['shop pins its own product, no commission', { hostShopId: 7, product: offered }, 0],
    [
      'shop pins its own product even when not offered to creators',
      { hostShopId: 7, product: notOffered },
      0,
    ],
    [
      'the 50th pin still fits',
      { hostShopId: null, product: offered, activePins: MAX_ACTIVE_PINS - 1 },
      1_500,
    ],
  ] as const)('allows: %s', (_name, input, commissionBp) => {
    expect(decidePin({ ...base, ...input })).toEqual({ ok: true, commissionBp });
  });

  it.each([
    ['unknown product', { hostShopId: null, product: undefined }, 'unknown_product', /no such product/],
    ['draft product', { hostShopId: null, product: { ...offered, state: 'draft' } }, 'not_listed', /draft/],
    [
      'delisted product',
      { hostShopId: 7, product: { ...offered, state: 'delisted' } },
      'not_listed',
      /delisted/,
    ],
    [
      'blocked product',
      { hostShopId: null, product: { ...offered, state: 'blocked' } },
      'not_listed',
      /blocked/,
    ],
    ['shop pins another shop’s product', { hostShopId: 8, product: offered }, 'other_shop', /own shop/],
    [
      'creator pins a product not offered',
      { hostShopId: null, product: notOffered },
      'commission_not_offered',
      /no creator commission/,
    ],
    [
      'pinned twice',
      { hostShopId: null, product: offered, alreadyPinned: true },
      'already_pinned',
      /already pinned/,
    ],
    [
      '51st pin',
      { hostShopId: null, product: offered, activePins: MAX_ACTIVE_PINS },
      'pin_limit_reached',
      /at most 50/,
    ],
    [
      'custom cap',
      { hostShopId: 7, product: offered, activePins: 3, maxActivePins: 3 },
      'pin_limit_reached',
      /at most 3/,
    ],
  ] as const)('refuses: %s', (_name, input, refusal, reason) => {
    const decision = decidePin({ ...base, ...input });
    expect(decision).toMatchObject({ ok: false, refusal });
    expect(decision.ok === false && decision.reason).toMatch(reason);
  });
});
