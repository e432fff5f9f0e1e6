import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category, DEFAULT_LEXICON } from '../lexicon.ts';
import { defaultModel } from '../model/model.ts';
import { compileScreener, type Screener, screenText } from '../screener.ts';
import { SURFACES, type Surface } from '../surfaces.ts';

/** One labelled text of the evaluation set: the categories a reviewer assigned ([] = clean). */
export interface EvalRow {
  id: number;
  text: string;
  labels: Category[];
  lang: 'zh' | 'en';
  source: string;
  evasion?: string;
  /** Rows written after the lexicon was tuned and never tuned on. */
  split?: 'holdout' | 'holdout2';
}

export interface CategoryScore {
  category: Category;
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface Evaluation {
  rows: number;
  perCategory: CategoryScore[];
  /** Texts with no label that were flagged with anything. */
  cleanFlagged: number;
  cleanRows: number;
  /** Evasion rows (contact details written to evade) that were not caught. */
  evasionsMissed: EvalRow[];
  mistakes: { row: EvalRow; predicted: Category[] }[];
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The evaluation set shipped beside this file. */
export function readEvalSet(file = path.join(here, 'screening-eval.jsonl')): EvalRow[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalRow);
}

/** Precision and recall per category of a screener over labelled texts. */
export function evaluate(rows: readonly EvalRow[], screener: Screener): Evaluation {
  const counts = new Map(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  const mistakes: Evaluation['mistakes'] = [];
  let cleanFlagged = 0;
  for (const row of rows) {
    const predicted = screenText(row.text, screener).categories;
    if (row.labels.length === 0 && predicted.length > 0) cleanFlagged++;
    let wrong = false;
    for (const category of CATEGORIES) {
      const c = counts.get(category)!;
      const truth = row.labels.includes(category);
      const guess = predicted.includes(category);
      if (truth) c.support++;
      if (truth && guess) c.tp++;
      else if (guess) c.fp++;
      else if (truth) c.fn++;
      if (truth !== guess) wrong = true;
    }
    if (wrong) mistakes.push({ row, predicted });
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    rows: rows.length,
    perCategory: CATEGORIES.map((category) => {
      const c = counts.get(category)!;
      return {
        category,
        support: c.support,
        truePositives: c.tp,
        falsePositives: c.fp,
        falseNegatives: c.fn,
        precision: ratio(c.tp, c.tp + c.fp),
        recall: ratio(c.tp, c.tp + c.fn),
      };
    }),
    cleanFlagged,
    cleanRows: rows.filter((r) => r.labels.length === 0).length,
    evasionsMissed: mistakes
      .filter((m) => m.row.evasion && !m.predicted.includes('off_platform'))
      .map((m) => m.row),
    mistakes,
  };
}

/** A plain-text table of the scores, for the console and BENCHMARKS.md. */
export function formatEvaluation(e: Evaluation): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    '| category | texts | precision | recall | false pos. | false neg. |',
    '|---|---:|---:|---:|---:|---:|',
    ...e.perCategory.map(
      (s) =>
        `| ${s.category} | ${s.support} | ${pct(s.precision)} | ${pct(s.recall)} | ${s.falsePositives} | ${s.falseNegatives} |`,
    ),
    `clean texts flagged: ${e.cleanFlagged} of ${e.cleanRows}; evasion rows missed: ${e.evasionsMissed.length}`,
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// The held-out set of issue 17 (heldout.jsonl, README.md): written by hand, never tuned on, scored per
// category and per surface with the surface passed to the screener.

export const HELDOUT_KINDS = ['plain', 'evasion', 'tricky', 'clean'] as const;
export type HeldoutKind = (typeof HELDOUT_KINDS)[number];

/** One hand-written held-out text: where it was written, what a reviewer labels it there, and how. */
export interface HeldoutRow {
  id: number;
  text: string;
  labels: Category[];
  surface: Surface;
  lang: 'zh' | 'en';
  /** plain / evasion: prohibited; tricky / clean: no label (tricky: close to something prohibited). */
  kind: HeldoutKind;
}

/**
 * The second held-out batch (README.md): written by hand at the end of issue 17's work, after the lexicon,
 * the corpus and the model had been fitted, and measured the moment it was committed.
 */
export const HELDOUT_LATE_FILE = path.join(here, 'heldout-late.jsonl');

/** The held-out set shipped beside this file (the first batch; HELDOUT_LATE_FILE for the second). */
export function readHeldout(file = path.join(here, 'heldout.jsonl')): HeldoutRow[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HeldoutRow);
}

/** Counts of one slice (a category, a surface, everything). Rates are 1 when there is nothing to count. */
export interface SliceScore {
  /** Prohibited labels (row × category) in the slice. */
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Labels on evasion rows, and how many of them the screener gave. */
  evasionSupport: number;
  evasionCaught: number;
  evasionRecall: number;
  /** Clean rows (tricky included) and how many got any category; likewise the tricky ones alone. */
  cleanRows: number;
  cleanFlagged: number;
  cleanFlaggedRate: number;
  trickyRows: number;
  trickyFlagged: number;
  trickyFlaggedRate: number;
  /** Prohibited rows, and how many got at least one category (the text is held, whatever the reason). */
  prohibitedRows: number;
  prohibitedFlagged: number;
  prohibitedFlaggedRate: number;
}

export interface HeldoutEvaluation {
  /** What was evaluated (e.g. 'lexicon', 'lexicon+model'), and the model's version. */
  name: string;
  modelVersion: string;
  rows: number;
  overall: SliceScore;
  perCategory: (SliceScore & { category: Category })[];
  perSurface: (SliceScore & { surface: Surface; rows: number })[];
  /** Recall of each category on each surface where it has labels: [surface][category]. */
  recallMatrix: Record<Surface, Partial<Record<Category, { support: number; recall: number }>>>;
  mistakes: { row: HeldoutRow; predicted: Category[] }[];
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  evasionSupport: number;
  evasionCaught: number;
  cleanRows: number;
  cleanFlagged: number;
  trickyRows: number;
  trickyFlagged: number;
  prohibitedRows: number;
  prohibitedFlagged: number;
}

const tally = (): Tally => ({
  tp: 0,
  fp: 0,
  fn: 0,
  evasionSupport: 0,
  evasionCaught: 0,
  cleanRows: 0,
  cleanFlagged: 0,
  trickyRows: 0,
  trickyFlagged: 0,
  prohibitedRows: 0,
  prohibitedFlagged: 0,
});

const rate = (a: number, b: number) => (b === 0 ? 1 : a / b);
const zeroRate = (a: number, b: number) => (b === 0 ? 0 : a / b);

function slice(t: Tally): SliceScore {
  return {
    support: t.tp + t.fn,
    truePositives: t.tp,
    falsePositives: t.fp,
    falseNegatives: t.fn,
    precision: rate(t.tp, t.tp + t.fp),
    recall: rate(t.tp, t.tp + t.fn),
    evasionSupport: t.evasionSupport,
    evasionCaught: t.evasionCaught,
    evasionRecall: rate(t.evasionCaught, t.evasionSupport),
    cleanRows: t.cleanRows,
    cleanFlagged: t.cleanFlagged,
    cleanFlaggedRate: zeroRate(t.cleanFlagged, t.cleanRows),
    trickyRows: t.trickyRows,
    trickyFlagged: t.trickyFlagged,
    trickyFlaggedRate: zeroRate(t.trickyFlagged, t.trickyRows),
    prohibitedRows: t.prohibitedRows,
    prohibitedFlagged: t.prohibitedFlagged,
    prohibitedFlaggedRate: rate(t.prohibitedFlagged, t.prohibitedRows),
  };
}

/** Adds one row's outcome on `category` (undefined: the row as a whole) to a tally. */
function count(t: Tally, row: HeldoutRow, predicted: readonly Category[], category?: Category) {
  const categories = category ? [category] : CATEGORIES;
  for (const c of categories) {
    const truth = row.labels.includes(c);
    const guess = predicted.includes(c);
    if (truth && guess) t.tp++;
    else if (guess) t.fp++;
    else if (truth) t.fn++;
    if (truth && row.kind === 'evasion') {
      t.evasionSupport++;
      if (guess) t.evasionCaught++;
    }
  }
  if (category) return;
  if (row.labels.length === 0) {
    t.cleanRows++;
    if (predicted.length > 0) t.cleanFlagged++;
    if (row.kind === 'tricky') {
      t.trickyRows++;
      if (predicted.length > 0) t.trickyFlagged++;
    }
  } else {
    t.prohibitedRows++;
    if (predicted.length > 0) t.prohibitedFlagged++;
  }
}

/**
 * Precision, recall, evasion recall and the share of clean (and tricky clean) texts flagged, per
 * category, per surface and overall, of a screener over held-out rows: each text is screened for its
 * own surface and the result's `categories` are the verdict.
 */
export function evaluateHeldout(
  rows: readonly HeldoutRow[],
  screener: Screener,
  name = 'screener',
  opts: { withSurface?: boolean } = {},
): HeldoutEvaluation {
  const withSurface = opts.withSurface ?? true;
  const overall = tally();
  const byCategory = new Map(CATEGORIES.map((c) => [c, tally()]));
  const bySurface = new Map(SURFACES.map((s) => [s, tally()]));
  const cells = new Map<string, Tally>();
  const mistakes: HeldoutEvaluation['mistakes'] = [];
  let modelVersion = screener.model?.version ?? 'none';
  for (const row of rows) {
    // without the surface: every category counts, as before issue 17 (the baseline)
    const result = screenText(row.text, screener, withSurface ? { surface: row.surface } : {});
    modelVersion = result.modelVersion ?? modelVersion;
    const predicted = result.categories;
    count(overall, row, predicted);
    count(bySurface.get(row.surface)!, row, predicted);
    for (const category of CATEGORIES) {
      const cell = `${row.surface}/${category}`;
      if (!cells.has(cell)) cells.set(cell, tally());
      count(cells.get(cell)!, row, predicted, category);
      // a category's clean-text figures: the clean rows it was wrongly given on
      const t = byCategory.get(category)!;
      count(t, row, predicted, category);
      if (row.labels.length === 0) {
        t.cleanRows++;
        if (predicted.includes(category)) t.cleanFlagged++;
        if (row.kind === 'tricky') {
          t.trickyRows++;
          if (predicted.includes(category)) t.trickyFlagged++;
        }
      } else if (row.labels.includes(category)) {
        t.prohibitedRows++;
        if (predicted.length > 0) t.prohibitedFlagged++;
      }
    }
    const wrong = CATEGORIES.some((c) => row.labels.includes(c) !== predicted.includes(c));
    if (wrong) mistakes.push({ row, predicted: [...predicted] });
  }
  const recallMatrix = Object.fromEntries(SURFACES.map((s) => [s, {}])) as HeldoutEvaluation['recallMatrix'];
  for (const surface of SURFACES)
    for (const category of CATEGORIES) {
      const score = slice(cells.get(`${surface}/${category}`) ?? tally());
      if (score.support > 0)
        recallMatrix[surface][category] = { support: score.support, recall: score.recall };
    }
  return {
    name,
    modelVersion,
    rows: rows.length,
    overall: slice(overall),
    perCategory: CATEGORIES.map((category) => ({ category, ...slice(byCategory.get(category)!) })),
    perSurface: SURFACES.map((surface) => ({
      surface,
      rows: rows.filter((r) => r.surface === surface).length,
      ...slice(bySurface.get(surface)!),
    })),
    recallMatrix,
    mistakes,
  };
}

/**
 * The screeners the held-out figures compare: the default lexicon alone, and the default lexicon with
 * the trained model (only when a model is committed: `defaultModel()` is not NO_MODEL).
 */
export function heldoutScreeners(): { name: string; screener: Screener }[] {
  const model = defaultModel();
  const screeners = [{ name: 'lexicon', screener: compileScreener(DEFAULT_LEXICON, 1) }];
  if (model.version !== 'none' && model.categories.length > 0)
    screeners.push({ name: 'lexicon+model', screener: compileScreener(DEFAULT_LEXICON, 1, model) });
  return screeners;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Markdown tables of one held-out evaluation: per category, per surface, recall per surface and category. */
export function formatHeldout(e: HeldoutEvaluation): string {
  const o = e.overall;
  const lines = [
    `held-out (${e.rows} texts), ${e.name}, model ${e.modelVersion}`,
    '| category | labels | precision | recall | evasion recall | false pos. | false neg. | clean flagged as it | tricky flagged as it |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...e.perCategory.map(
      (s) =>
        `| ${s.category} | ${s.support} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.evasionRecall)} (${s.evasionSupport}) | ${s.falsePositives} | ${s.falseNegatives} | ${pct(s.cleanFlaggedRate)} | ${pct(s.trickyFlaggedRate)} |`,
    ),
    '',
    '| surface | texts | precision | recall | evasion recall | prohibited held | clean flagged | tricky flagged |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...e.perSurface.map(
      (s) =>
        `| ${s.surface} | ${s.rows} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.evasionRecall)} | ${pct(s.prohibitedFlaggedRate)} | ${pct(s.cleanFlaggedRate)} (${s.cleanFlagged}/${s.cleanRows}) | ${pct(s.trickyFlaggedRate)} (${s.trickyFlagged}/${s.trickyRows}) |`,
    ),
    `| **all** | ${e.rows} | ${pct(o.precision)} | ${pct(o.recall)} | ${pct(o.evasionRecall)} | ${pct(o.prohibitedFlaggedRate)} | ${pct(o.cleanFlaggedRate)} (${o.cleanFlagged}/${o.cleanRows}) | ${pct(o.trickyFlaggedRate)} (${o.trickyFlagged}/${o.trickyRows}) |`,
    '',
    'recall per surface and category (labels):',
    `| surface | ${CATEGORIES.join(' | ')} |`,
    `|---|${CATEGORIES.map(() => '---:').join('|')}|`,
    ...SURFACES.map(
      (surface) =>
        `| ${surface} | ${CATEGORIES.map((c) => {
          const cell = e.recallMatrix[surface][c];
          return cell ? `${pct(cell.recall)} (${cell.support})` : '';
        }).join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}

/** Side by side: recall and precision per category and surface of several evaluations (lexicon vs combined). */
export function formatHeldoutComparison(evaluations: readonly HeldoutEvaluation[]): string {
  const head = evaluations.map((e) => `${e.name} P | ${e.name} R`).join(' | ');
  const rule = evaluations.map(() => '---:|---:').join('|');
  const pr = (s: SliceScore) => `${pct(s.precision)} | ${pct(s.recall)}`;
  return [
    `| slice | ${head} |`,
    `|---|${rule}|`,
    ...CATEGORIES.map(
      (c) =>
        `| ${c} | ${evaluations.map((e) => pr(e.perCategory.find((s) => s.category === c)!)).join(' | ')} |`,
    ),
    ...SURFACES.map(
      (s) =>
        `| ${s} | ${evaluations.map((e) => pr(e.perSurface.find((x) => x.surface === s)!)).join(' | ')} |`,
    ),
    `| all | ${evaluations.map((e) => pr(e.overall)).join(' | ')} |`,
    `| clean flagged | ${evaluations.map((e) => `${pct(e.overall.cleanFlaggedRate)} | `).join(' | ')} |`,
    `| tricky flagged | ${evaluations.map((e) => `${pct(e.overall.trickyFlaggedRate)} | `).join(' | ')} |`,
    `| evasion recall | ${evaluations.map((e) => ` | ${pct(e.overall.evasionRecall)}`).join(' | ')} |`,
  ].join('\n');
}

/** The figures of a held-out evaluation for a JSON summary (rounded to 0.001). */
export function heldoutSummary(e: HeldoutEvaluation) {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  const brief = (s: SliceScore) => ({
    precision: r(s.precision),
    recall: r(s.recall),
    evasionRecall: r(s.evasionRecall),
    cleanFlagged: r(s.cleanFlaggedRate),
    trickyFlagged: r(s.trickyFlaggedRate),
  });
  return {
    name: e.name,
    modelVersion: e.modelVersion,
    rows: e.rows,
    overall: { ...brief(e.overall), prohibitedHeld: r(e.overall.prohibitedFlaggedRate) },
    perCategory: Object.fromEntries(e.perCategory.map((s) => [s.category, brief(s)])),
    perSurface: Object.fromEntries(e.perSurface.map((s) => [s.surface, brief(s)])),
  };
}
