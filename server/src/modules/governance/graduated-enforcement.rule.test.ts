import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../configuration/index.ts';
import { VIOLATION_CATALOGUE, VIOLATION_CODES } from './catalogue.ts';
import { lookbackStart, treatment } from './graduated-enforcement.rule.ts';

const now = new Date('2026-03-01T00:00:00Z');
const rules = defaultConfig.governance;
const fixBy = new Date(now.getTime() + rules.warningFixWindowMs);

describe('graduated enforcement (product rules §6)', () => {
  it.each([
    [
      'first general violation: warning, chance to fix, no points',
      'general',
      0,
      0,
      { action: 'warn', fixBy, points: 0 },
    ],
    ['repeat general violation: enforced, no points', 'general', 0, 1, { action: 'enforce', points: 0 }],
    ['third general violation: enforced', 'general', 0, 5, { action: 'enforce', points: 0 }],
    [
      'first serious violation: enforced with its points',
      'serious',
      12,
      0,
      { action: 'enforce', points: 12 },
    ],
    ['repeat serious violation: enforced with its points', 'serious', 6, 3, { action: 'enforce', points: 6 }],
  ] as const)('%s', (_name, severity, points, priorSameCode, expected) => {
    expect(treatment({ severity, points, priorSameCode, now, rules })).toEqual(expected);
  });

  it('gives 72 hours to fix a warning and looks back 365 days by default (governance.warningFixWindowMs, governance.firstOffenceLookbackMs)', () => {
    expect(rules.warningFixWindowMs).toBe(72 * 3_600_000);
    expect(lookbackStart(now, rules)).toEqual(new Date(now.getTime() - 365 * 86_400_000));
  });

  it('takes the fix window it is given', () => {
    const decided = treatment({
      severity: 'general',
      points: 0,
      priorSameCode: 0,
      now,
      rules: { warningFixWindowMs: 24 * 3_600_000 },
    });
    expect(decided).toEqual({ action: 'warn', fixBy: new Date(now.getTime() + 24 * 3_600_000), points: 0 });
  });
});

describe('violation catalogue', () => {
  it.each(VIOLATION_CODES)('%s: general has no points, serious 2–100, both described', (code) => {
    const entry = VIOLATION_CATALOGUE[code];
    if (entry.severity === 'general') expect(entry.points).toBe(0);
    else expect(entry.points).toBeGreaterThanOrEqual(2);
    expect(entry.points).toBeLessThanOrEqual(100);
    expect(entry.zh.length).toBeGreaterThan(0);
    expect(entry.en.length).toBeGreaterThan(0);
    expect(entry.subjects.length).toBeGreaterThan(0);
  });

  it('has the codes other modules record', () => {
    expect(VIOLATION_CODES).toEqual(
      expect.arrayContaining([
        'counterfeit_goods',
        'false_advertising',
        'off_platform_trade',
        'banned_claim',
        'missing_qualification',
        'fake_shipment',
        'live_hype',
        'live_off_platform',
        'live_high_risk',
        'review_manipulation',
        'ip_infringement',
      ]),
    );
  });
});
