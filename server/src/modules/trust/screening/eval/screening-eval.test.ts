import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICON } from '../lexicon.ts';
import { compileScreener } from '../screener.ts';
import { evaluate, formatEvaluation, readEvalSet } from './evaluate.ts';

// Floors under which the default lexicon must not fall on the labelled set (BENCHMARKS.md has the
// figures). Off-platform inducement is what live-room emergency stops act on, so it is held highest.
const FLOORS = {
  off_platform: { precision: 0.95, recall: 0.95 },
  false_advertising: { precision: 0.9, recall: 0.9 },
  medical_claim: { precision: 0.9, recall: 0.9 },
  absolute_terms: { precision: 0.9, recall: 0.9 },
  hype: { precision: 0.9, recall: 0.9 },
  extortion: { precision: 0.9, recall: 0.9 },
};

const rows = readEvalSet();
const result = evaluate(rows, compileScreener(DEFAULT_LEXICON, 1));

describe('screening evaluation set', () => {
  it('prints its scores', () => {
    console.log(formatEvaluation(result));
    expect(result.rows).toBe(rows.length);
  });

  it('holds at least 500 labelled Chinese and English texts, clean and dirty, with evasions', () => {
    expect(rows.length).toBeGreaterThanOrEqual(500);
    expect(rows.filter((r) => r.lang === 'en').length).toBeGreaterThan(50);
    expect(rows.filter((r) => r.labels.length === 0).length).toBeGreaterThan(200);
    expect(rows.filter((r) => r.evasion).length).toBeGreaterThan(80);
  });

  it.each(Object.entries(FLOORS))('%s stays above its precision and recall floors', (category, floor) => {
    const score = result.perCategory.find((s) => s.category === category)!;
    expect(score.precision).toBeGreaterThanOrEqual(floor.precision);
    expect(score.recall).toBeGreaterThanOrEqual(floor.recall);
  });

  it('catches every contact detail written to evade', () => {
    expect(result.evasionsMissed.map((r) => r.text)).toEqual([]);
  });
});
