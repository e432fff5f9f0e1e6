import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../lexicon.ts';
import { type Screener, screenText } from '../screener.ts';

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
