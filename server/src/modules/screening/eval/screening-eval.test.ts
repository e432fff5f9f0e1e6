import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICON } from '../lexicon.ts';
import { compileScreener } from '../screener.ts';
import { evaluate, formatEvaluation, readEvalSet } from './evaluate.ts';

// Floors under which the default lexicon must not fall on the rows it was tuned on (BENCHMARKS.md has
// the figures). Off-platform inducement is what live-room emergency stops act on, so it is held highest.
const FLOORS = {
  off_platform: { precision: 0.95, recall: 0.95 },
  false_advertising: { precision: 0.9, recall: 0.9 },
  medical_claim: { precision: 0.9, recall: 0.9 },
  absolute_terms: { precision: 0.9, recall: 0.9 },
  hype: { precision: 0.9, recall: 0.9 },
  extortion: { precision: 0.9, recall: 0.9 },
};

const rows = readEvalSet();
const screener = compileScreener(DEFAULT_LEXICON, 1);
// The second held-out batch was never tuned on: it estimates how the lexicon does on unseen texts and
// is reported, not held to the floors (tuning on it would make it one more training row).
const tuned = evaluate(
  rows.filter((r) => r.split !== 'holdout2'),
  screener,
);
const unseen = evaluate(
  rows.filter((r) => r.split === 'holdout2'),
  screener,
);

describe('screening evaluation set', () => {
  it('prints its scores', () => {
    console.log(
      `tuned rows\n${formatEvaluation(tuned)}\n\nunseen rows (holdout2)\n${formatEvaluation(unseen)}`,
    );
    expect(tuned.rows + unseen.rows).toBe(rows.length);
  });

  it('holds at least 500 labelled Chinese and English texts, clean and dirty, with evasions', () => {
    expect(rows.length).toBeGreaterThanOrEqual(500);
    expect(tuned.rows).toBeGreaterThanOrEqual(500);
    expect(rows.filter((r) => r.lang === 'en').length).toBeGreaterThan(50);
    expect(rows.filter((r) => r.labels.length === 0).length).toBeGreaterThan(200);
    expect(rows.filter((r) => r.evasion).length).toBeGreaterThan(80);
  });

  it.each(Object.entries(FLOORS))('%s stays above its precision and recall floors', (category, floor) => {
    const score = tuned.perCategory.find((s) => s.category === category)!;
    expect(score.precision).toBeGreaterThanOrEqual(floor.precision);
    expect(score.recall).toBeGreaterThanOrEqual(floor.recall);
  });

  it('catches every contact detail written to evade', () => {
    expect([...tuned.evasionsMissed, ...unseen.evasionsMissed].map((r) => r.text)).toEqual([]);
  });
});
