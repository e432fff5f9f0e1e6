import { describe, expect, it } from 'vitest';
import { reachable } from '../../platform/state-machine.ts';
import { buyerCouponTransitions, campaignTransitions } from './promotions.machine.ts';

describe('coupon state machines', () => {
  it('a campaign reaches every state and stops for good', () => {
    expect([...reachable(campaignTransitions, 'scheduled')].sort()).toEqual([
      'active',
      'scheduled',
      'stopped',
    ]);
    expect(campaignTransitions.stopped).toEqual([]);
  });

  it('a buyer coupon is used, given back, or expires; expired is final', () => {
    expect([...reachable(buyerCouponTransitions, 'available')].sort()).toEqual([
      'available',
      'expired',
      'used',
    ]);
    expect(buyerCouponTransitions.used).toContain('available');
    expect(buyerCouponTransitions.expired).toEqual([]);
  });
});
