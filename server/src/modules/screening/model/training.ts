// Training the screening model: pure functions over a labelled corpus (the script is train.ts).
// Multi-label logistic regression over hashed features, AdaGrad with L2, a seeded shuffle: the same
// corpus and code give byte-identical weights.
import { createHash } from 'node:crypto';
import { rng, shuffle } from '../corpus/random.ts';
import { CATEGORIES, type Category } from '../lexicon.ts';
import { normalizeText } from '../normalize.ts';
import { SURFACES, type Surface } from '../surfaces.ts';
import { featurize, hashString, MAX_NGRAM, maxFeatures } from './features.ts';
import { linearModel, type ModelMeta } from './linear-model.ts';
import type { ScreeningModel, Threshold } from './model.ts';

export interface LabelledText {
  text: string;
  surface: Surface;
  labels: readonly Category[];
  /** The template a generated text was written from (rows of one template share a calibration fold). */
  template?: string;
}

/** A labelled text once normalised and featurised. */
export interface Example {
  normalized: string;
  surface: Surface;
  labels: readonly Category[];
  /** Per category: 1 positive, 0 negative, -1 not screened on this surface (no loss). */
  targets: Int8Array;
  features: Int32Array;
  /** Calibration fold: by template, so a fold's templates are unseen by the model that scores it. */
  fold: number;
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { bits: 18, epochs: 6, learningRate: 0.1, l2: 3e-3, seed: 17 };

const SPLIT_SEED = 0x5eed17;
const FOLD_SEED = 0xf01d17;
/**
 * Calibration folds: the generated calibration rows of fold f are scored by a model trained WITHOUT any
 * row written from fold f's templates, so their scores are those of text the model has not seen the
 * like of (generated text scored by the model trained on its own templates is too easy to calibrate on).
 */
export const FOLDS = 5;
/** Calibration rows: a fixed fifth of the corpus, by a seeded hash of the text (never by position). */
export const isCalibration = (text: string) => hashString(text, SPLIT_SEED) % 5 === 0;

export function toExamples(
  rows: readonly LabelledText[],
  bits: number,
  screened: Readonly<Record<Surface, readonly Category[]>>,
): Example[] {
  let buffer = new Int32Array(maxFeatures(256));
  return rows.map((row) => {
    const normalized = normalizeText(row.text).text;
    if (buffer.length < maxFeatures(normalized.length))
      buffer = new Int32Array(maxFeatures(normalized.length));
    const n = featurize(normalized, bits, buffer);
    const targets = new Int8Array(CATEGORIES.length);
    CATEGORIES.forEach((c, i) => {
      targets[i] = screened[row.surface].includes(c) ? (row.labels.includes(c) ? 1 : 0) : -1;
    });
    const fold = hashString(row.template ? row.template : normalized, FOLD_SEED) % FOLDS;
    return {
      normalized,
      surface: row.surface,
      labels: row.labels,
      targets,
      features: buffer.slice(0, n),
      fold,
    };
  });
}

/**
 * What the weights are trained from: each row's surface, labels, normalised text and feature buckets.
 * A change to the corpus generator, to normalizeText or to the features changes it (freshness test).
 */
export function corpusFingerprint(examples: readonly Example[]): string {
  const hash = createHash('sha256');
  hash.update(`format=2;ngram=${MAX_NGRAM};categories=${CATEGORIES.join(',')}\n`);
  for (const e of examples) {
    hash.update(`${e.surface}\t${e.labels.join(',')}\t${e.normalized}\n`);
    hash.update(new Uint8Array(e.features.buffer, e.features.byteOffset, e.features.byteLength));
  }
  return hash.digest('hex').slice(0, 32);
}

export interface Trained {
  weights: Float64Array;
  biases: Float64Array;
  /** Mean log-loss of the last epoch over the (unmasked) outputs. */
  loss: number;
}

/** Trains one logistic output per category (bucket-major weights) by AdaGrad with L2. */
export function train(examples: readonly Example[], opts: TrainOptions): Trained {
  const count = CATEGORIES.length;
  const weights = new Float64Array(count << opts.bits);
  const squares = new Float64Array(count << opts.bits);
  const biases = new Float64Array(count);
  const biasSquares = new Float64Array(count);
  const z = new Float64Array(count);
  const g = new Float64Array(count);
  const order = examples.map((_, i) => i);
  const r = rng(opts.seed);
  const { learningRate: lr, l2 } = opts;
  let loss = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, r);
    loss = 0;
    let outputs = 0;
    for (const index of order) {
      const { features, targets } = examples[index]!;
      // each distinct feature present once (featurize writes a bucket once per text)
      z.set(biases);
      for (let k = 0; k < features.length; k++) {
        const base = features[k]! * count;
        for (let c = 0; c < count; c++) z[c]! += weights[base + c]!;
      }
      for (let c = 0; c < count; c++) {
        const t = targets[c]!;
        if (t < 0) {
          g[c] = 0;
          continue;
        }
        const p = 1 / (1 + Math.exp(-z[c]!));
        g[c] = p - t;
        loss -= Math.log(Math.max(1e-12, t === 1 ? p : 1 - p));
        outputs++;
        biasSquares[c]! += g[c]! * g[c]!;
        biases[c]! -= (lr * g[c]!) / Math.sqrt(biasSquares[c]! + 1e-8);
      }
      for (let k = 0; k < features.length; k++) {
        const base = features[k]! * count;
        for (let c = 0; c < count; c++) {
          if (targets[c]! < 0) continue;
          const at = base + c;
          const grad = g[c]! + l2 * weights[at]!;
          squares[at]! += grad * grad;
          weights[at]! -= (lr * grad) / Math.sqrt(squares[at]! + 1e-8);
        }
      }
    }
    loss /= Math.max(1, outputs);
  }
  return { weights, biases, loss };
}

/** int8 weights with one scale per category (the largest weight maps to ±127). */
export function quantize(weights: Float64Array, count: number): { q: Int8Array; scales: number[] } {
  const max = new Array<number>(count).fill(0);
  for (let i = 0; i < weights.length; i++) max[i % count] = Math.max(max[i % count]!, Math.abs(weights[i]!));
  const scales = max.map((m) => (m > 0 ? m / 127 : 1));
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i]! / scales[i % count]!);
  return { q, scales };
}

export interface CalibrationTargets {
  /** Per category: share of a surface's generated texts without it that may reach the first `flag` / `high`. */
  flagFalsePositives: number;
  highFalsePositives: number;
  /**
   * Share of a surface's CLEAN texts (no category screened there) that may be flagged by any category,
   * in each calibration pool (the generated split, and the hand-written rows when a surface has any):
   * thresholds are raised until it holds in both. `cleanHigh` the same for `high`.
   */
  cleanFlagged: number;
  cleanHigh: number;
  /** Thresholds never go under these. */
  minFlag: number;
  minHigh: number;
}

export const DEFAULT_CALIBRATION: CalibrationTargets = {
  flagFalsePositives: 0.004,
  highFalsePositives: 0.001,
  cleanFlagged: 0.02,
  cleanHigh: 0.005,
  minFlag: 0.4,
  minHigh: 0.85,
};

const ceil4 = (x: number) => Math.ceil(x * 10_000) / 10_000;
const MAX_FLAG = 0.99;
const MAX_HIGH = 0.999;

/** The lowest threshold that lets at most `share` of the negative scores reach it. */
function thresholdFor(negatives: number[], share: number): number {
  const sorted = [...negatives].sort((a, b) => b - a);
  const allowed = Math.floor(share * sorted.length);
  const next = sorted[allowed];
  return next === undefined ? 0 : ceil4(next + 1e-9);
}

/** A set of calibration rows with the scores of the model being calibrated. */
export interface CalibrationPool {
  name: string;
  examples: readonly Example[];
  scores: readonly Float64Array[];
}

/** Clean on its surface: no category the surface screens is a label. */
const isClean = (e: Example) => !e.targets.some((t) => t === 1);

/**
 * Raises per-category thresholds (starting at `start`) until, in EVERY pool, the share of clean texts
 * reaching any of them is at most `target` (a small pool allows floor(target × its size) texts). Each
 * step raises the category that flags the most clean texts of the worst pool to just above the lowest
 * clean score it flags there (the smallest raise that helps).
 */
function raiseUntil(
  start: number[],
  pools: Float64Array[][],
  columns: number[],
  target: number,
  cap: number,
): number[] {
  const t = [...start];
  for (;;) {
    let worstPool = -1;
    let worstExcess = 0;
    let worstBy: number[] = [];
    pools.forEach((clean, p) => {
      let flaggedTexts = 0;
      const byCategory = new Array<number>(columns.length).fill(0);
      for (const scores of clean) {
        let flagged = false;
        columns.forEach((c, k) => {
          if (scores[c]! >= t[k]!) {
            flagged = true;
            byCategory[k]!++;
          }
        });
        if (flagged) flaggedTexts++;
      }
      const excess = flaggedTexts - Math.floor(target * clean.length + 1e-9);
      if (excess > worstExcess) {
        worstPool = p;
        worstExcess = excess;
        worstBy = byCategory;
      }
    });
    if (worstPool < 0) return t;
    let worst = -1;
    for (let k = 0; k < columns.length; k++)
      if (t[k]! < cap && worstBy[k]! > 0 && (worst < 0 || worstBy[k]! > worstBy[worst]!)) worst = k;
    if (worst < 0) return t;
    let lowest = Number.POSITIVE_INFINITY;
    for (const scores of pools[worstPool]!) {
      const v = scores[columns[worst]!]!;
      if (v >= t[worst]! && v < lowest) lowest = v;
    }
    t[worst] = Math.min(cap, ceil4(lowest + 1e-9));
  }
}

/**
 * Per surface and screened category: flag and high thresholds. First from the generated calibration
 * split (`*FalsePositives` of the texts without the category, never under the floors), then raised until
 * at most `cleanFlagged` (`cleanHigh`) of the surface's clean texts are flagged in each pool:
 * the generated split, which is easy, and hand-written rows, which are not the training distribution.
 */
export function calibrate(
  pools: readonly CalibrationPool[],
  screened: Readonly<Record<Surface, readonly Category[]>>,
  targets: CalibrationTargets,
): Record<Surface, Partial<Record<Category, Threshold>>> {
  const thresholds = Object.fromEntries(SURFACES.map((s) => [s, {}])) as Record<
    Surface,
    Partial<Record<Category, Threshold>>
  >;
  const generated = pools[0]!;
  for (const surface of SURFACES) {
    const categories = screened[surface];
    if (categories.length === 0) continue;
    const columns = categories.map((c) => CATEGORIES.indexOf(c));
    const startFlag: number[] = [];
    const startHigh: number[] = [];
    for (const c of columns) {
      const negatives: number[] = [];
      generated.examples.forEach((e, i) => {
        if (e.surface === surface && e.targets[c] === 0) negatives.push(generated.scores[i]![c]!);
      });
      const flag = Math.min(
        MAX_FLAG,
        Math.max(targets.minFlag, thresholdFor(negatives, targets.flagFalsePositives)),
      );
      startFlag.push(flag);
      startHigh.push(
        Math.min(
          MAX_HIGH,
          Math.max(flag, targets.minHigh, thresholdFor(negatives, targets.highFalsePositives)),
        ),
      );
    }
    const clean = pools
      .map((pool) =>
        pool.scores.filter((_, i) => pool.examples[i]!.surface === surface && isClean(pool.examples[i]!)),
      )
      .filter((scores) => scores.length > 0);
    const flag = raiseUntil(startFlag, clean, columns, targets.cleanFlagged, MAX_FLAG);
    const high = raiseUntil(
      startHigh.map((h, k) => Math.max(h, flag[k]!)),
      clean,
      columns,
      targets.cleanHigh,
      MAX_HIGH,
    );
    categories.forEach((category, k) => {
      thresholds[surface][category] = { flag: flag[k]!, high: Math.max(flag[k]!, high[k]!) };
    });
  }
  return thresholds;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Confusion counts per surface and category at a threshold kind. */
export function confusion(
  examples: readonly Example[],
  scores: readonly Float64Array[],
  thresholds: Record<Surface, Partial<Record<Category, Threshold>>>,
  kind: keyof Threshold,
): Map<string, Counts> {
  const out = new Map<string, Counts>();
  examples.forEach((e, i) => {
    CATEGORIES.forEach((category, c) => {
      const t = thresholds[e.surface][category];
      if (!t || e.targets[c]! < 0) return;
      const key = `${e.surface}\t${category}`;
      const counts = out.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
      const guess = scores[i]![c]! >= t[kind];
      const truth = e.targets[c] === 1;
      if (guess && truth) counts.tp++;
      else if (guess) counts.fp++;
      else if (truth) counts.fn++;
      else counts.tn++;
      out.set(key, counts);
    });
  });
  return out;
}

/** The version of a model: a hash of everything that decides its scores and verdicts. */
export function modelVersion(q: Int8Array, meta: Omit<ModelMeta, 'version'>): string {
  const hash = createHash('sha256');
  hash.update(new Uint8Array(q.buffer, q.byteOffset, q.byteLength));
  hash.update(JSON.stringify([meta.bits, meta.categories, meta.scales, meta.biases, meta.thresholds]));
  return hash.digest('hex').slice(0, 16);
}

export interface BuiltModel {
  meta: ModelMeta;
  weights: Int8Array;
  model: ScreeningModel;
  calibrationExamples: Example[];
  calibrationScores: Float64Array[];
  /** The calibration rows' scores by the fold models that never saw their templates. */
  unseenScores: Float64Array[];
  handExamples: Example[];
  handScores: Float64Array[];
  trainLoss: number;
}

/** Corpus → examples → split → train → quantise → calibrate: everything the script writes. */
export function buildModel(
  rows: readonly LabelledText[],
  screened: Readonly<Record<Surface, readonly Category[]>>,
  opts: TrainOptions = DEFAULT_TRAIN,
  calibration: CalibrationTargets = DEFAULT_CALIBRATION,
  corpusSeed = 0,
  /** Hand-written rows used only to calibrate (never trained on), on the surfaces they are written on. */
  handWritten: readonly LabelledText[] = [],
): BuiltModel {
  const examples = toExamples(rows, opts.bits, screened);
  const fingerprint = corpusFingerprint(examples);
  const trainSet = examples.filter((e) => !isCalibration(e.normalized));
  const calibrationSet = examples.filter((e) => isCalibration(e.normalized));
  const trained = train(trainSet, opts);
  const { q, scales } = quantize(trained.weights, CATEGORIES.length);
  const emptyThresholds = Object.fromEntries(SURFACES.map((s) => [s, {}])) as ModelMeta['thresholds'];
  const draft: Omit<ModelMeta, 'version'> = {
    format: 2,
    bits: opts.bits,
    maxNgram: MAX_NGRAM,
    categories: [...CATEGORIES],
    scales,
    biases: [...trained.biases],
    thresholds: emptyThresholds,
    fingerprint,
    corpus: {
      seed: corpusSeed,
      rows: rows.length,
      train: trainSet.length,
      calibration: calibrationSet.length,
      calibrationHandWritten: handWritten.length,
    },
    training: { epochs: opts.epochs, learningRate: opts.learningRate, l2: opts.l2, seed: opts.seed },
  };
  // calibrate the quantised model: the one that runs
  const unCalibrated = linearModel({ ...draft, version: 'draft' }, q);
  const calibrationScores = calibrationSet.map((e) => unCalibrated.score(e.normalized));
  // the calibration rows scored by models that never saw their templates
  const unseenScores = new Array<Float64Array>(calibrationSet.length);
  for (let f = 0; f < FOLDS; f++) {
    const foldTrained = train(
      trainSet.filter((e) => e.fold !== f),
      opts,
    );
    const foldQ = quantize(foldTrained.weights, CATEGORIES.length);
    const foldModel = linearModel(
      { ...draft, scales: foldQ.scales, biases: [...foldTrained.biases], version: `fold ${f}` },
      foldQ.q,
    );
    calibrationSet.forEach((e, i) => {
      if (e.fold === f) unseenScores[i] = foldModel.score(e.normalized);
    });
  }
  const handExamples = toExamples(handWritten, opts.bits, screened);
  const handScores = handExamples.map((e) => unCalibrated.score(e.normalized));
  draft.thresholds = calibrate(
    [
      { name: 'generated, unseen templates', examples: calibrationSet, scores: unseenScores },
      { name: 'hand-written', examples: handExamples, scores: handScores },
    ],
    screened,
    calibration,
  );
  const meta: ModelMeta = { ...draft, version: modelVersion(q, draft) };
  return {
    meta,
    weights: q,
    model: linearModel(meta, q),
    calibrationExamples: calibrationSet,
    calibrationScores,
    unseenScores,
    handExamples,
    handScores,
    trainLoss: trained.loss,
  };
}
