import { describe, expect, it } from 'vitest';
import { accounts, parseAccountCode } from './account-ref.ts';

describe('parseAccountCode', () => {
  it.each([
    ['escrow', accounts.escrow],
    ['platform_commission_revenue', accounts.platformCommissionRevenue],
    ['guarantee_fund', accounts.guaranteeFund],
    ['compensation_payable', accounts.compensationPayable],
    ['payment_provider', accounts.paymentProvider],
    ['payout_provider', accounts.payoutProvider],
    ['platform_subsidy', accounts.platformSubsidy],
    ['growth_rebates', accounts.growthRebates],
    ['care_goodwill', accounts.careGoodwill],
    ['merchant_pending:7', accounts.merchantPending(7)],
    ['merchant_available:7', accounts.merchantAvailable(7)],
    ['merchant_deposit:7', accounts.merchantDeposit(7)],
    ['creator_commission:12', accounts.creatorCommission(12)],
  ])('%s names the same account as its helper', (code, ref) => {
    expect(parseAccountCode(code)).toEqual(ref);
    expect(ref.code).toBe(code);
  });

  it.each([
    ['petty_cash', 'not in the chart'],
    ['escrow:1', 'a platform account has no owner'],
    ['merchant_available', 'an owner account needs its owner id'],
    ['merchant_available:0', 'ids start at 1'],
    ['merchant_available:007', 'no leading zeros: one account, one code'],
    ['merchant_available:99999999999999999', 'beyond the safe integer range'],
    ['Escrow', 'codes are lower case'],
    ['', 'empty'],
  ])('%s is not an account (%s)', (code) => {
    expect(parseAccountCode(code)).toBeNull();
  });
});

describe('accounts', () => {
  it('keeps merchant and creator balances from going negative, and lets only external accounts and the guarantee fund', () => {
    const all = [
      accounts.escrow,
      accounts.platformCommissionRevenue,
      accounts.compensationPayable,
      accounts.merchantPending(1),
      accounts.merchantAvailable(1),
      accounts.merchantDeposit(1),
      accounts.creatorCommission(1),
    ];
    expect(all.filter((a) => a.mayGoNegative)).toEqual([]);
    expect([accounts.paymentProvider, accounts.payoutProvider].every((a) => a.mayGoNegative)).toBe(true);
    // the platform pays guarantees beyond the premiums it collected (product rules §4)
    expect(accounts.guaranteeFund.mayGoNegative).toBe(true);
    // product rules §9: the platform's spending on its coupons, an expense that only grows
    expect(accounts.platformSubsidy).toMatchObject({ type: 'expense', mayGoNegative: true });
    // product rules §7.5: 斗金 GMV rebates, an expense that only grows
    expect(accounts.growthRebates).toMatchObject({ type: 'expense', mayGoNegative: true });
  });

  it('refuses an owner id that is not a positive integer', () => {
    expect(() => accounts.merchantAvailable(0)).toThrow(RangeError);
    expect(() => accounts.creatorCommission(1.5)).toThrow(RangeError);
  });
});
