import { describe, expect, it } from 'vitest';
import { parseQuarter, quarterOf } from './quarter.rule.ts';

describe('quarterOf (Asia/Shanghai, +480)', () => {
  it.each([
    ['2026-12-07T03:00:00Z', '2026-Q4', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    // 2026-12-31 16:00 UTC is already 2027-01-01 00:00 in Shanghai
    ['2026-12-31T16:00:00Z', '2027-Q1', '2026-12-31T16:00:00.000Z', '2027-03-31T16:00:00.000Z'],
    ['2026-12-31T15:59:59Z', '2026-Q4', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2026-04-01T00:00:00Z', '2026-Q2', '2026-03-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z'],
  ])('%s is in %s', (at, code, start, end) => {
    const q = quarterOf(new Date(at), 480);
    expect([q.code, q.start.toISOString(), q.end.toISOString()]).toEqual([code, start, end]);
    expect(parseQuarter(code, 480)).toEqual(q);
  });

  it.each(['2026-Q5', '2026Q1', 'Q1-2026', ''])('%s is not a quarter', (code) => {
    expect(parseQuarter(code, 480)).toBeNull();
  });
});
