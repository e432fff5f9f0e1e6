import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../configuration/index.ts';
import { fastClaim } from './fast-claim.rule.ts';
import { type GoodBuyerCondition, type GoodBuyerInput, goodBuyer } from './good-buyer.rule.ts';

const DAY = 24 * 3_600_000;
const now = new Date('2026-12-01T00:00:00Z');
const policy = defaultConfig.buyers; // 180 days, ≤ 10%, 90 days old, ≥ 5 completed, fast claims ≤ ¥200

const clean: GoodBuyerInput = {
  abuseLabels: [],
  accountCreatedAt: new Date(now.getTime() - 400 * DAY),
  now,
  completedOrders: 12,
  windowOrders: 20,
  windowRefundRequests: 1,
};

describe('优质买家 good-buyer rule', () => {
  it.each<[string, Partial<GoodBuyerInput>, 'good' | 'standard', GoodBuyerCondition[]]>([
    ['a clean history', {}, 'good', []],
    ['refund rate exactly at the limit (2/20 = 10%)', { windowRefundRequests: 2 }, 'good', []],
    [
      'refund rate above the limit (3/20 = 15%)',
      { windowRefundRequests: 3 },
      'standard',
      ['low_refund_rate'],
    ],
    ['no orders in the window is a rate of 0', { windowOrders: 0, windowRefundRequests: 0 }, 'good', []],
    ['labelled high-refund', { abuseLabels: ['high_refund'] }, 'standard', ['no_abuse_labels']],
    ['any risk label', { abuseLabels: ['fraud'] }, 'standard', ['no_abuse_labels']],
    ['account exactly 90 days old', { accountCreatedAt: new Date(now.getTime() - 90 * DAY) }, 'good', []],
    [
      'account one day short',
      { accountCreatedAt: new Date(now.getTime() - 89 * DAY) },
      'standard',
      ['account_age'],
    ],
    ['exactly 5 completed orders', { completedOrders: 5 }, 'good', []],
    ['4 completed orders', { completedOrders: 4 }, 'standard', ['completed_orders']],
    [
      'new, labelled and refunding: every failed condition is named',
      {
        abuseLabels: ['high_refund'],
        accountCreatedAt: new Date(now.getTime() - 3 * DAY),
        completedOrders: 0,
        windowRefundRequests: 10,
      },
      'standard',
      ['no_abuse_labels', 'low_refund_rate', 'account_age', 'completed_orders'],
    ],
  ])('%s → %s', (_name, change, tier, failed) => {
    const decision = goodBuyer({ ...clean, ...change }, policy);
    expect(decision.outcome).toBe(tier);
    expect(decision.conditions.filter((c) => !c.holds).map((c) => c.condition)).toEqual(failed);
    expect(decision.conditions).toHaveLength(4);
  });

  it('explains itself in both languages', () => {
    const good = goodBuyer(clean, policy);
    expect(good.explanation.zh).toBe(
      '优质买家：无风险标记；近180天退款率5%（1/20），上限10%；账号注册400天，至少90天；已完成订单12笔，至少5笔',
    );
    const young = goodBuyer({ ...clean, accountCreatedAt: new Date(now.getTime() - 10 * DAY) }, policy);
    expect(young.explanation.en).toBe('Standard buyer: account 10 days old, at least 90 days');
  });
});

describe('good-buyer fast claims', () => {
  const good = goodBuyer(clean, policy);
  const standard = goodBuyer({ ...clean, completedOrders: 0 }, policy);
  it.each<[string, Parameters<typeof fastClaim>[0], number, 'approve' | 'manual', string]>([
    [
      'good buyer, ¥120',
      { tier: good, amountFen: 12_000 },
      20_000,
      'approve',
      'Good-buyer fast claim: ¥120.00 is within ¥200.00',
    ],
    ['good buyer, exactly the limit', { tier: good, amountFen: 20_000 }, 20_000, 'approve', 'within ¥200.00'],
    [
      'good buyer, one fen over',
      { tier: good, amountFen: 20_001 },
      20_000,
      'manual',
      'above the fast-claim limit',
    ],
    ['turned off', { tier: good, amountFen: 100 }, 0, 'manual', 'above the fast-claim limit of ¥0.00'],
    [
      'standard buyer',
      { tier: standard, amountFen: 100 },
      20_000,
      'manual',
      'Not a good buyer (0 completed orders, at least 5)',
    ],
  ])('%s → %s', (_name, input, limit, outcome, words) => {
    const decision = fastClaim(input, { fastClaimMaxFen: limit });
    expect(decision.outcome).toBe(outcome);
    expect(decision.explanation.en).toContain(words);
    expect(decision.inputs).toMatchObject({ amountFen: input.amountFen, fastClaimMaxFen: limit });
  });
});
