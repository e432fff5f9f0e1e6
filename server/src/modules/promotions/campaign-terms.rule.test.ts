import { describe, expect, it } from 'vitest';
import { type CampaignTermsInput, campaignTerms } from './campaign-terms.rule.ts';

const now = new Date('2027-01-10T00:00:00Z');
const window = { claimStartsAt: now, claimEndsAt: new Date('2027-01-20T00:00:00Z') };

describe('campaignTerms', () => {
  it.each([
    [
      '满100减10',
      { kind: 'threshold', thresholdFen: 10_000, discountFen: 1_000 },
      { thresholdFen: 10_000, discountFen: 1_000, percentBp: 0, capFen: null },
    ],
    [
      '9折 up to ¥30',
      { kind: 'percent', percentBp: 1_000, capFen: 3_000 },
      { thresholdFen: 0, discountFen: 0, percentBp: 1_000, capFen: 3_000 },
    ],
    [
      'percent with a threshold, no cap',
      { kind: 'percent', percentBp: 500, thresholdFen: 5_000 },
      { thresholdFen: 5_000, discountFen: 0, percentBp: 500, capFen: null },
    ],
    [
      '无门槛5元',
      { kind: 'no_threshold', discountFen: 500 },
      { thresholdFen: 0, discountFen: 500, percentBp: 0, capFen: null },
    ],
  ] as const)('accepts %s', (_name, input, terms) => {
    expect(campaignTerms({ ...window, ...input }, now)).toEqual({ ok: true, terms });
  });

  it.each([
    ['threshold without a discount', { kind: 'threshold', thresholdFen: 100 }, 'discountFen'],
    ['threshold without a threshold', { kind: 'threshold', discountFen: 100 }, 'thresholdFen'],
    [
      'threshold not above the discount',
      { kind: 'threshold', thresholdFen: 100, discountFen: 100 },
      'thresholdFen',
    ],
    [
      'no-threshold with a threshold',
      { kind: 'no_threshold', discountFen: 100, thresholdFen: 50 },
      'thresholdFen',
    ],
    ['no-threshold without a discount', { kind: 'no_threshold' }, 'discountFen'],
    ['percent without a share', { kind: 'percent' }, 'percentBp'],
    ['percent with a discount', { kind: 'percent', percentBp: 1_000, discountFen: 5 }, 'discountFen'],
    [
      'a cap on a threshold coupon',
      { kind: 'threshold', thresholdFen: 200, discountFen: 100, capFen: 5 },
      'capFen',
    ],
    [
      'a share on a threshold coupon',
      { kind: 'threshold', thresholdFen: 200, discountFen: 100, percentBp: 100 },
      'percentBp',
    ],
    [
      'claims close before they open',
      {
        kind: 'no_threshold',
        discountFen: 1,
        claimEndsAt: now,
        claimStartsAt: new Date('2027-01-11T00:00:00Z'),
      },
      'claimEndsAt',
    ],
    [
      'claims closed already',
      {
        kind: 'no_threshold',
        discountFen: 1,
        claimStartsAt: new Date('2027-01-01T00:00:00Z'),
        claimEndsAt: new Date('2027-01-05T00:00:00Z'),
      },
      'claimEndsAt',
    ],
    [
      'a claim window over a year',
      { kind: 'no_threshold', discountFen: 1, claimEndsAt: new Date('2028-02-01T00:00:00Z') },
      'claimEndsAt',
    ],
    [
      'use ends before claims close',
      { kind: 'no_threshold', discountFen: 1, useEndsAt: new Date('2027-01-15T00:00:00Z') },
      'useEndsAt',
    ],
  ] as const)('refuses %s, naming the field', (_name, input, field) => {
    const result = campaignTerms({ ...window, ...input } as CampaignTermsInput, now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.field)).toContain(field);
  });
});
