import fs from 'node:fs';
import { CATEGORIES, type Category } from '../lexicon.ts';
import type { Surface } from '../surfaces.ts';
import { featurize, MAX_NGRAM, maxFeatures } from './features.ts';
import type { ScreeningModel, Threshold } from './model.ts';

/** What screening-model.meta (JSON) holds beside the int8 weights in screening-model.bin. */
export interface ModelMeta {
  /** 2: presence features, each distinct bucket once (1 summed every occurrence). */
  format: 2;
  /** sha-256 (first 16 hex digits) of the weights, scales, biases and thresholds. */
  version: string;
  bits: number;
  maxNgram: number;
  categories: Category[];
  /** Per category: a weight is its int8 value times this scale. */
  scales: number[];
  biases: number[];
  thresholds: Record<Surface, Partial<Record<Category, Threshold>>>;
  /** The corpus and code the weights were trained from (see corpusFingerprint). */
  fingerprint: string;
  corpus: { seed: number; rows: number; train: number; calibration: number; calibrationHandWritten?: number };
  training: Record<string, number>;
}

/**
 * A linear multi-label model over hashed presence features (each distinct bucket once): weights laid out bucket-major (the categories of one
 * bucket side by side), int8 with a float scale per category, a logistic output per category.
 */
export function linearModel(meta: ModelMeta, weights: Int8Array): ScreeningModel {
  const categories = meta.categories;
  const count = categories.length;
  if (meta.format !== 2) throw new Error('screening model: an older format, retrain');
  if (meta.maxNgram !== MAX_NGRAM) throw new Error('screening model: trained with other n-grams, retrain');
  if (weights.length !== count << meta.bits) throw new Error('screening model: weights of the wrong size');
  for (const c of categories) if (!CATEGORIES.includes(c)) throw new Error(`screening model: unknown ${c}`);
  const { bits, scales, biases } = meta;
  let buffer = new Int32Array(maxFeatures(64));
  const acc = new Int32Array(count);
  return {
    version: meta.version,
    categories,
    thresholds: meta.thresholds,
    score(normalized: string): Float64Array {
      if (buffer.length < maxFeatures(normalized.length))
        buffer = new Int32Array(maxFeatures(normalized.length));
      const n = featurize(normalized, bits, buffer);
      acc.fill(0);
      if (count === 9) {
        // the nine categories of today, unrolled: the sums stay in registers
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let a4 = 0;
        let a5 = 0;
        let a6 = 0;
        let a7 = 0;
        let a8 = 0;
        for (let k = 0; k < n; k++) {
          const b = buffer[k]! * 9;
          a0 += weights[b]!;
          a1 += weights[b + 1]!;
          a2 += weights[b + 2]!;
          a3 += weights[b + 3]!;
          a4 += weights[b + 4]!;
          a5 += weights[b + 5]!;
          a6 += weights[b + 6]!;
          a7 += weights[b + 7]!;
          a8 += weights[b + 8]!;
        }
        acc[0] = a0;
        acc[1] = a1;
        acc[2] = a2;
        acc[3] = a3;
        acc[4] = a4;
        acc[5] = a5;
        acc[6] = a6;
        acc[7] = a7;
        acc[8] = a8;
      } else {
        for (let k = 0; k < n; k++) {
          const base = buffer[k]! * count;
          for (let c = 0; c < count; c++) acc[c]! += weights[base + c]!;
        }
      }
      const out = new Float64Array(count);
      for (let c = 0; c < count; c++) out[c] = 1 / (1 + Math.exp(-(biases[c]! + scales[c]! * acc[c]!)));
      return out;
    },
  };
}

/** Reads a model written by the training script. */
export function readModel(metaFile: string, weightsFile: string): ScreeningModel {
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as ModelMeta;
  const bytes = fs.readFileSync(weightsFile);
  return linearModel(meta, new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
