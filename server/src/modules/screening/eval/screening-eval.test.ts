import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../corpus/generate.ts';
import { CATEGORIES, DEFAULT_LEXICON } from '../lexicon.ts';
import { normalizeText } from '../normalize.ts';
import { compileScreener } from '../screener.ts';
import { SURFACES } from '../surfaces.ts';
import {
  evaluate,
  evaluateHeldout,
  formatEvaluation,
  formatHeldout,
  formatHeldoutComparison,
  HELDOUT_KINDS,
  HELDOUT_LATE_FILE,
  heldoutScreeners,
  readEvalSet,
  readHeldout,
} from './evaluate.ts';

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

// Issue 17's held-out set (README.md): written by hand, never tuned on. The screening as deployed (the
// default lexicon with the committed model, when there is one) must not fall under these floors,
// measured on it with the surface passed. They sit a few points under the measured figures
// (BENCHMARKS.md) and are raised as the screening improves, never lowered to let a change through.
const HELDOUT_FLOORS = {
  overall: {
    precision: 0.86,
    recall: 0.61,
    evasionRecall: 0.56,
    maxCleanFlagged: 0.07,
    maxTrickyFlagged: 0.11,
  },
  perCategory: {
    off_platform: { precision: 0.85, recall: 0.75 },
    false_advertising: { precision: 0.56, recall: 0.14 },
    medical_claim: { precision: 0.83, recall: 0.71 },
    absolute_terms: { precision: 0.87, recall: 0.62 },
    hype: { precision: 0.95, recall: 0.5 },
    extortion: { precision: 0.95, recall: 0.73 },
    vulgarity: { precision: 0.8, recall: 0.58 },
    fake_giveaway: { precision: 0.95, recall: 0.53 },
    recycling_scam: { precision: 0.92, recall: 0.75 },
  } as Record<(typeof CATEGORIES)[number], { precision: number; recall: number }>,
  // recall floor and ceiling on clean texts flagged, per surface
  perSurface: {
    live_comment: { recall: 0.65, maxCleanFlagged: 0.08 },
    live_title: { recall: 0.61, maxCleanFlagged: 0.03 },
    listing: { recall: 0.6, maxCleanFlagged: 0.05 },
    review: { recall: 0.64, maxCleanFlagged: 0.08 },
    video_caption: { recall: 0.65, maxCleanFlagged: 0.07 },
    chat_message: { recall: 0.52, maxCleanFlagged: 0.08 },
  } as Record<(typeof SURFACES)[number], { recall: number; maxCleanFlagged: number }>,
};

describe('screening held-out set (issue 17)', () => {
  const heldout = readHeldout();
  const screeners = heldoutScreeners();
  const compared = screeners.map(({ name, screener }) => evaluateHeldout(heldout, screener, name));
  // the last one is what the service deploys (with the model when one is committed)
  const deployed = compared.at(-1)!;
  // before issue 17: the lexicon alone, every category counted whatever the surface
  const baseline = evaluateHeldout(heldout, screeners[0]!.screener, 'before (no surface)', {
    withSurface: false,
  });

  it('prints its tables', () => {
    console.log(
      `${compared.map(formatHeldout).join('\n\n')}\n\n${formatHeldoutComparison([baseline, ...compared])}`,
    );
    expect(deployed.rows).toBe(heldout.length);
  });

  it('holds ≥ 900 hand-written texts over every surface and category, Chinese and English, clean and tricky', () => {
    expect(heldout.length).toBeGreaterThanOrEqual(900);
    expect(new Set(heldout.map((r) => r.id)).size).toBe(heldout.length);
    expect(new Set(heldout.map((r) => r.text)).size).toBe(heldout.length);
    for (const row of heldout) {
      expect(SURFACES).toContain(row.surface);
      expect(HELDOUT_KINDS).toContain(row.kind);
      for (const label of row.labels) expect(CATEGORIES).toContain(label);
      expect(row.labels.length > 0).toBe(row.kind === 'plain' || row.kind === 'evasion');
      expect(row.lang).toBe(/[\u4e00-\u9fff]/.test(row.text) ? 'zh' : 'en');
    }
    for (const surface of SURFACES)
      expect(heldout.filter((r) => r.surface === surface).length).toBeGreaterThanOrEqual(140);
    for (const category of CATEGORIES)
      expect(heldout.filter((r) => r.labels.includes(category)).length).toBeGreaterThanOrEqual(40);
    const clean = heldout.filter((r) => r.labels.length === 0);
    expect(clean.length / heldout.length).toBeGreaterThan(0.5);
    expect(clean.filter((r) => r.kind === 'tricky').length / clean.length).toBeGreaterThan(0.3);
    expect(heldout.filter((r) => r.lang === 'en').length / heldout.length).toBeGreaterThanOrEqual(0.2);
    expect(heldout.filter((r) => r.kind === 'evasion').length).toBeGreaterThan(150);
  });

  it('shares no text with the training corpus (normalised), nor with the older evaluation set', () => {
    const training = new Set(generateCorpus().map((r) => normalizeText(r.text).text));
    expect(heldout.filter((r) => training.has(normalizeText(r.text).text)).map((r) => r.text)).toEqual([]);
    const older = new Set(rows.map((r) => r.text));
    expect(heldout.filter((r) => older.has(r.text)).map((r) => r.text)).toEqual([]);
  });

  it('keeps the deployed screening above its overall floors', () => {
    const o = deployed.overall;
    const f = HELDOUT_FLOORS.overall;
    expect(o.precision).toBeGreaterThanOrEqual(f.precision);
    expect(o.recall).toBeGreaterThanOrEqual(f.recall);
    expect(o.evasionRecall).toBeGreaterThanOrEqual(f.evasionRecall);
    expect(o.cleanFlaggedRate).toBeLessThanOrEqual(f.maxCleanFlagged);
    expect(o.trickyFlaggedRate).toBeLessThanOrEqual(f.maxTrickyFlagged);
  });

  it.each(Object.entries(HELDOUT_FLOORS.perCategory))(
    '%s stays above its held-out floors',
    (category, floor) => {
      const score = deployed.perCategory.find((s) => s.category === category)!;
      expect(score.precision).toBeGreaterThanOrEqual(floor.precision);
      expect(score.recall).toBeGreaterThanOrEqual(floor.recall);
    },
  );

  it.each(Object.entries(HELDOUT_FLOORS.perSurface))(
    '%s stays above its held-out floors',
    (surface, floor) => {
      const score = deployed.perSurface.find((s) => s.surface === surface)!;
      expect(score.recall).toBeGreaterThanOrEqual(floor.recall);
      expect(score.cleanFlaggedRate).toBeLessThanOrEqual(floor.maxCleanFlagged);
    },
  );
});

// The second held-out batch (README.md), written after the screening had been fitted, because texts of
// the first batch turned up in the lexicon's and the corpus's commits. Its figures are the unseen ones.
const LATE_FLOORS = { precision: 0.86, recall: 0.53, maxCleanFlagged: 0.08 };

describe('screening held-out set, late batch (issue 17)', () => {
  const late = readHeldout(HELDOUT_LATE_FILE);
  const first = new Set(readHeldout().map((r) => normalizeText(r.text).text));
  const screeners = heldoutScreeners();
  const compared = screeners.map(({ name, screener }) => evaluateHeldout(late, screener, name));
  const deployed = compared.at(-1)!;

  it('prints its tables', () => {
    console.log(
      `late batch\n${compared.map(formatHeldout).join('\n\n')}\n\n${formatHeldoutComparison(compared)}`,
    );
    expect(deployed.rows).toBe(late.length);
  });

  it('holds ≥ 240 texts over every surface and category, none from the first batch or the corpus', () => {
    expect(late.length).toBeGreaterThanOrEqual(240);
    for (const surface of SURFACES)
      expect(late.filter((r) => r.surface === surface).length).toBeGreaterThanOrEqual(35);
    for (const category of CATEGORIES)
      expect(late.filter((r) => r.labels.includes(category)).length).toBeGreaterThanOrEqual(10);
    for (const row of late)
      expect(row.labels.length > 0).toBe(row.kind === 'plain' || row.kind === 'evasion');
    expect(late.filter((r) => r.lang === 'en').length / late.length).toBeGreaterThanOrEqual(0.2);
    expect(late.filter((r) => first.has(normalizeText(r.text).text)).map((r) => r.text)).toEqual([]);
    const training = new Set(generateCorpus().map((r) => normalizeText(r.text).text));
    expect(late.filter((r) => training.has(normalizeText(r.text).text)).map((r) => r.text)).toEqual([]);
  });

  it('keeps the deployed screening above its floors on the late batch', () => {
    expect(deployed.overall.precision).toBeGreaterThanOrEqual(LATE_FLOORS.precision);
    expect(deployed.overall.recall).toBeGreaterThanOrEqual(LATE_FLOORS.recall);
    expect(deployed.overall.cleanFlaggedRate).toBeLessThanOrEqual(LATE_FLOORS.maxCleanFlagged);
  });
});
