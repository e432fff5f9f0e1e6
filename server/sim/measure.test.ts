import { describe, expect, it } from 'vitest';
import { quantile, score } from './measure.ts';
import { precisionRecallSvg } from './report.ts';

const items = (tp: number, fn: number, fp: number, tn: number) => [
  ...Array.from({ length: tp }, () => ({ positive: true, flagged: true })),
  ...Array.from({ length: fn }, () => ({ positive: true, flagged: false })),
  ...Array.from({ length: fp }, () => ({ positive: false, flagged: true })),
  ...Array.from({ length: tn }, () => ({ positive: false, flagged: false })),
];

describe('simulator measurement', () => {
  it.each([
    // tp, fn, fp, tn → precision, recall
    [8, 2, 0, 90, 1, 0.8],
    [9, 1, 1, 89, 0.9, 0.9],
    [0, 5, 0, 10, null, 0],
    [0, 0, 3, 10, 0, null],
    [2, 1, 1, 0, 0.667, 0.667],
  ])('tp %i fn %i fp %i tn %i → precision %s recall %s', (tp, fn, fp, tn, precision, recall) => {
    const s = score('t', 'unit', 'acted', items(tp, fn, fp, tn));
    expect(s).toMatchObject({
      positives: tp + fn,
      negatives: fp + tn,
      truePositives: tp,
      falsePositives: fp,
    });
    expect(s.precision).toBe(precision);
    expect(s.recall).toBe(recall);
  });

  it.each([
    [[], 0.5, null],
    [[3], 0.5, 3],
    [[5, 1, 3], 0.5, 3],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
  ])('quantile of %j at %s is %s', (values, q, expected) => {
    expect(quantile(values, q)).toBe(expected);
  });

  it('draws a bar per figure and n/a where there is nothing to measure', () => {
    const svg = precisionRecallSvg([
      score('a <b>', 'u', 'd', items(1, 1, 0, 1)),
      score('c', 'u', 'd', items(0, 0, 0, 2)),
    ]);
    expect(svg).toContain('a &lt;b&gt;');
    expect(svg.match(/height="12"/g)).toHaveLength(2);
    expect(svg.match(/n\/a/g)).toHaveLength(2);
  });
});
