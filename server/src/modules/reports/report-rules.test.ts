import { describe, expect, it } from 'vitest';
import { reachable } from '../../platform/state-machine.ts';
import { reportTransitions } from './report.machine.ts';
import {
  effectsFor,
  mayFileAnother,
  REASONS_BY_SUBJECT,
  REPORT_SUBJECT_TYPES,
  REPORTS_PER_DAY,
  reasonFits,
  upholdingRefusal,
  violationCodesFor,
} from './report-rules.ts';

describe('report machine', () => {
  it('reaches every state from open; decided reports are final', () => {
    expect([...reachable(reportTransitions, 'open')].sort()).toEqual(['dismissed', 'open', 'upheld']);
    expect(reportTransitions.upheld).toEqual([]);
    expect(reportTransitions.dismissed).toEqual([]);
  });
});

describe('reasons per subject', () => {
  it.each([
    ['live_comment', 'harassment', true],
    ['live_comment', 'counterfeit', false],
    ['product', 'counterfeit', true],
    ['product', 'fake_review', false],
    ['review', 'fake_review', true],
    ['shop', 'bad_service', true],
    ['live_session', 'bad_service', false],
    ['live_session', 'nonsense', false],
  ] as const)('%s + %s → %s', (subject, reason, fits) => {
    expect(reasonFits(subject, reason)).toBe(fits);
  });

  it('offers every subject a list ending with other', () => {
    for (const type of REPORT_SUBJECT_TYPES) expect(REASONS_BY_SUBJECT[type].at(-1)).toBe('other');
  });
});

describe('upholding a report', () => {
  it.each([
    ['live_comment', { effect: 'hidden' }, null],
    ['review', { effect: 'hidden' }, null],
    ['review', { effect: 'violation', violationCode: 'review_manipulation' }, 'effect'],
    ['product', { effect: 'sent_to_review' }, null],
    ['product', { effect: 'sent_to_review', violationCode: 'counterfeit_goods' }, 'violationCode'],
    ['product', { effect: 'violation', violationCode: 'counterfeit_goods' }, null],
    ['product', { effect: 'violation', violationCode: 'live_hype' }, 'violationCode'],
    ['product', { effect: 'violation' }, 'violationCode'],
    ['live_session', { effect: 'violation', violationCode: 'live_hype' }, null],
    ['live_session', { effect: 'hidden' }, 'effect'],
    ['shop', { effect: 'violation', violationCode: 'off_platform_trade' }, null],
    ['shop', { effect: 'violation', violationCode: 'live_hype' }, 'violationCode'],
  ] as const)('%s %j → refused on %s', (subject, upholding, field) => {
    expect(upholdingRefusal(subject, upholding)?.field ?? null).toBe(field);
  });

  it('names the codes of the catalogue that concern the subject', () => {
    expect(violationCodesFor('live_session')).toContain('live_off_platform');
    expect(violationCodesFor('shop')).toContain('fraudulent_trading');
    expect(violationCodesFor('live_comment')).toEqual([]);
    expect(effectsFor('product')).toEqual(['sent_to_review', 'violation']);
  });
});

describe('daily limit', () => {
  it.each([
    [0, true],
    [REPORTS_PER_DAY - 1, true],
    [REPORTS_PER_DAY, false],
  ])('%i filed → may file another: %s', (filed, may) => {
    expect(mayFileAnother(filed)).toBe(may);
  });
});
