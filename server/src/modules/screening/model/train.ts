// `npm run train:screening`: generates the corpus, trains the model, calibrates it per surface, writes
// screening-model.bin + screening-model.meta (JSON) beside this file and prints precision and recall on the
// calibration split and on the dev rows of eval/screening-eval.jsonl (never the held-out files).
// The dev rows (hand-written, not the training distribution) also calibrate the thresholds: each is read
// on the surface of its source, and titles and captions also as listings, comments and reviews also as chat.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_SEED, CORPUS_SIZE, generateCorpus, SURFACE_CATEGORIES } from '../corpus/generate.ts';
import { CATEGORIES, type Category } from '../lexicon.ts';
import { normalizeText } from '../normalize.ts';
import { SURFACES, type Surface } from '../surfaces.ts';
import { MODEL_META_FILE, MODEL_WEIGHTS_FILE } from './model.ts';
import {
  buildModel,
  type Counts,
  calibrate,
  confusion,
  DEFAULT_CALIBRATION,
  type Example,
  toExamples,
} from './training.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const EVAL_FILE = path.join(here, '..', 'eval', 'screening-eval.jsonl');
const EVAL_SURFACE: Record<string, Surface> = {
  comment: 'live_comment',
  title: 'live_title',
  review: 'review',
  caption: 'video_caption',
  listing: 'listing',
  chat: 'chat_message',
};

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

function sum(counts: Iterable<Counts>): Counts {
  const total = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const c of counts) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    total.tn += c.tn;
  }
  return total;
}

function table(
  title: string,
  examples: readonly Example[],
  scores: readonly Float64Array[],
  thresholds: Parameters<typeof confusion>[2],
) {
  const flag = confusion(examples, scores, thresholds, 'flag');
  const high = confusion(examples, scores, thresholds, 'high');
  console.log(`\n${title}`);
  console.log(
    '| category | positives | precision (flag) | recall (flag) | FP rate (flag) | recall (high) | FP rate (high) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const category of CATEGORIES) {
    const pick = (m: Map<string, Counts>) =>
      sum([...m.entries()].filter(([k]) => k.endsWith(`\t${category}`)).map(([, v]) => v));
    const f = pick(flag);
    const h = pick(high);
    console.log(
      `| ${category} | ${f.tp + f.fn} | ${pct(f.tp, f.tp + f.fp)} | ${pct(f.tp, f.tp + f.fn)} | ${pct(f.fp, f.fp + f.tn)} | ${pct(h.tp, h.tp + h.fn)} | ${pct(h.fp, h.fp + h.tn)} |`,
    );
  }
  console.log('\nper surface (flag): recall / FP rate per category; clean texts flagged by any category');
  for (const surface of SURFACES) {
    const cells = SURFACE_CATEGORIES[surface]
      .map((category) => {
        const c = flag.get(`${surface}\t${category}`);
        return c ? `${category} ${pct(c.tp, c.tp + c.fn).trim()}/${pct(c.fp, c.fp + c.tn).trim()}` : '';
      })
      .filter(Boolean);
    let clean = 0;
    let cleanFlagged = 0;
    examples.forEach((e, i) => {
      if (e.surface !== surface || e.labels.length > 0) return;
      clean++;
      const t = thresholds[surface];
      if (CATEGORIES.some((category, c) => (t[category] ? scores[i]![c]! >= t[category].flag : false)))
        cleanFlagged++;
    });
    if (clean + cells.length === 0) continue;
    console.log(
      `  ${surface}: clean flagged ${pct(cleanFlagged, clean).trim()} of ${clean}; ${cells.join(', ')}`,
    );
  }
}

/** Where a source's rows are also read when calibrating (surfaces with no hand-written rows of their own). */
const ALSO_ON: Record<string, Surface[]> = {
  title: ['listing'],
  caption: ['listing'],
  comment: ['chat_message'],
  review: ['chat_message'],
};

function main() {
  const started = performance.now();
  const rows = generateCorpus(CORPUS_SEED, CORPUS_SIZE);
  const generated = performance.now();
  // the dev rows of the evaluation set: every row without a split (the held-out rows stay unseen)
  const devRows = fs
    .readFileSync(EVAL_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { text: string; labels: Category[]; source: string; split?: string })
    .filter((row) => row.split === undefined && EVAL_SURFACE[row.source] !== undefined);
  const dev = devRows.map((row) => ({
    text: row.text,
    labels: row.labels,
    surface: EVAL_SURFACE[row.source]!,
  }));
  const handWritten = devRows.flatMap((row) =>
    [EVAL_SURFACE[row.source]!, ...(ALSO_ON[row.source] ?? [])].map((surface) => ({
      text: row.text,
      labels: row.labels,
      surface,
    })),
  );
  const built = buildModel(rows, SURFACE_CATEGORIES, undefined, undefined, CORPUS_SEED, handWritten);
  const trained = performance.now();
  built.meta.training.trainLoss = Number(built.trainLoss.toFixed(6));
  fs.writeFileSync(MODEL_WEIGHTS_FILE, built.weights);
  fs.writeFileSync(MODEL_META_FILE, `${JSON.stringify(built.meta, null, 1)}\n`);

  const clean = rows.filter((r) => r.labels.length === 0).length;
  console.log(
    `corpus: ${rows.length} texts (${clean} clean, ${rows.filter((r) => r.tricky).length} tricky clean, ` +
      `${rows.filter((r) => r.labels.length > 1).length} multi-label, ${rows.filter((r) => r.evasive).length} evasive); ` +
      `generated in ${((generated - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `trained in ${((trained - generated) / 1000).toFixed(1)} s (2^${built.meta.bits} buckets, last-epoch loss ${built.trainLoss.toFixed(4)}); ` +
      `weights ${(built.weights.byteLength / 1024 / 1024).toFixed(2)} MB, version ${built.meta.version}`,
  );
  table(
    `calibration split (${built.calibrationExamples.length} texts)`,
    built.calibrationExamples,
    built.calibrationScores,
    built.meta.thresholds,
  );

  const devExamples = toExamples(dev, built.meta.bits, SURFACE_CATEGORIES);
  const devScores = devExamples.map((e) => built.model.score(e.normalized));
  table(
    `generated calibration rows scored by fold models that never saw their templates (${built.calibrationExamples.length})`,
    built.calibrationExamples,
    built.unseenScores,
    built.meta.thresholds,
  );
  const handExamples = built.handExamples;
  table(
    `hand-written calibration rows (the dev rows, also as listing and chat: ${handWritten.length})`,
    handExamples,
    built.handScores,
    built.meta.thresholds,
  );
  console.log('\nthresholds (flag / high) per surface and category');
  for (const surface of SURFACES)
    console.log(
      `  ${surface}: ${Object.entries(built.meta.thresholds[surface])
        .map(([c, t]) => `${c} ${t!.flag}/${t!.high}`)
        .join(', ')}`,
    );
  // what the two pools alone would ask for, without the floors (do the floors decide?)
  const unfloored = calibrate(
    [
      { name: 'unseen templates', examples: built.calibrationExamples, scores: built.unseenScores },
      { name: 'hand-written', examples: handExamples, scores: built.handScores },
    ],
    SURFACE_CATEGORIES,
    { ...DEFAULT_CALIBRATION, minFlag: 0, minHigh: 0 },
  );
  console.log('\nwithout the floors the pools would give (flag / high)');
  for (const surface of SURFACES)
    console.log(
      `  ${surface}: ${Object.entries(unfloored[surface])
        .map(([c, t]) => `${c} ${t!.flag}/${t!.high}`)
        .join(', ')}`,
    );
  const timed = rows.slice(0, 20_000).map((r) => normalizeText(r.text).text);
  for (const text of timed) built.model.score(text);
  const t0 = performance.now();
  for (let round = 0; round < 5; round++) for (const text of timed) built.model.score(text);
  const us = ((performance.now() - t0) * 1000) / (5 * timed.length);
  console.log(
    `\nscore: ${us.toFixed(2)} µs/text (normalised corpus texts, mean ${(timed.reduce((a, t) => a + t.length, 0) / timed.length).toFixed(1)} chars)`,
  );
  table(
    `dev rows of eval/screening-eval.jsonl (${dev.length}; labels a surface does not screen are not counted; ALSO used to calibrate)`,
    devExamples,
    devScores,
    built.meta.thresholds,
  );
  if (process.argv.includes('--mistakes')) {
    console.log('\ndev mistakes (flag):');
    devExamples.forEach((e, i) => {
      const t = built.meta.thresholds[e.surface];
      const guess = CATEGORIES.filter((c, k) => t[c] && devScores[i]![k]! >= t[c].flag);
      const truth = CATEGORIES.filter((_c, k) => e.targets[k] === 1);
      if (guess.join() !== truth.join())
        console.log(`  ${e.surface} truth=[${truth}] guess=[${guess}] ${dev[i]!.text}`);
    });
  }
}

main();
