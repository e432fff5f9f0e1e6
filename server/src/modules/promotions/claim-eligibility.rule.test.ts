import { describe, expect, it } from 'vitest';
import { type ClaimFacts, claimRefusal, couponExpiry } from './claim-eligibility.rule.ts';

const now = new Date('2027-01-10T12:00:00Z');
const open: ClaimFacts = {
  state: 'active',
  claimStartsAt: new Date('2027-01-01T00:00:00Z'),
  claimEndsAt: new Date('2027-02-01T00:00:00Z'),
  useEndsAt: null,
  issued: 10,
  issueCap: 100,
  perBuyerLimit: 2,
  claimedByBuyer: 1,
  roomLive: null,
};

describe('claimRefusal', () => {
  it.each([
    ['an open campaign', {}, null],
    ['a live coupon while the room is live', { roomLive: true }, null],
    ['the last coupon', { issued: 99 }, null],
    ['stopped', { state: 'stopped' }, 'coupon_unavailable'],
    ['before the claim window', { claimStartsAt: new Date('2027-01-11T00:00:00Z') }, 'coupon_not_started'],
    ['at the end of the claim window', { claimEndsAt: now }, 'coupon_expired'],
    ['after the use window', { useEndsAt: new Date('2027-01-10T00:00:00Z') }, 'coupon_expired'],
    ['a live coupon when the room is not live', { roomLive: false }, 'live_not_live'],
    ['at the per-buyer limit', { claimedByBuyer: 2 }, 'coupon_claim_limit'],
    ['all issued', { issued: 100 }, 'coupon_sold_out'],
    [
      'limit reached and sold out: the buyer’s limit first',
      { claimedByBuyer: 2, issued: 100 },
      'coupon_claim_limit',
    ],
  ] as const)('%s', (_name, change, code) => {
    expect(claimRefusal({ ...open, ...change }, now)?.code ?? null).toBe(code);
  });
});

describe('couponExpiry', () => {
  const claimedAt = new Date('2027-01-10T12:00:00Z');
  it.each([
    ['validity days', 7, null, '2027-01-17T12:00:00.000Z'],
    ['the use window ends first', 7, new Date('2027-01-12T00:00:00Z'), '2027-01-12T00:00:00.000Z'],
    ['the days end first', 1, new Date('2027-01-12T00:00:00Z'), '2027-01-11T12:00:00.000Z'],
  ] as const)('%s', (_name, days, useEndsAt, expected) => {
    expect(couponExpiry(claimedAt, days, useEndsAt).toISOString()).toBe(expected);
  });
});
