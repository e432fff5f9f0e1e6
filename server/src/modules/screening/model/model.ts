import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Category } from '../lexicon.ts';
import type { Surface } from '../surfaces.ts';
import { readModel } from './linear-model.ts';

/** One category's model score for a text, and what the surface's calibrated thresholds make of it. */
export interface ModelScore {
  category: Category;
  /** Probability-like score in [0, 1]. */
  score: number;
}

/** The score at or above which the model flags a category on a surface (review), and calls it high (block). */
export interface Threshold {
  flag: number;
  high: number;
}

/**
 * The learned multi-label classifier that stands beside the lexicon (issue 17): hashed character
 * n-grams and words of the normalised text, one logistic output per category. Trained in the repo by
 * `npm run train:screening`; the weights file is read once per process.
 */
export interface ScreeningModel {
  /** Identifies the weights (e.g. a hash of the file): stored with every screening for audit. */
  version: string;
  /** The categories the model scores, in the order of `score`'s result. */
  categories: readonly Category[];
  /** Scores of the normalised text (normalizeText(...).text), one per category, in `categories` order. */
  score(normalized: string): Float64Array;
  /** Calibrated per surface and category (a category absent on a surface is not scored there). */
  thresholds: Record<Surface, Partial<Record<Category, Threshold>>>;
}

/** A model that scores nothing: what the screener uses when none is given (lexicon only). */
export const NO_MODEL: ScreeningModel = {
  version: 'none',
  categories: [],
  score: () => new Float64Array(0),
  thresholds: {
    live_comment: {},
    live_title: {},
    listing: {},
    review: {},
    video_caption: {},
    chat_message: {},
  },
};

const here = path.dirname(fileURLToPath(import.meta.url));
/** The committed weights (written by `npm run train:screening`). */
export const MODEL_META_FILE = path.join(here, 'screening-model.meta');
export const MODEL_WEIGHTS_FILE = path.join(here, 'screening-model.bin');

let loaded: ScreeningModel | undefined;

/**
 * The model trained in the repo (the weights beside this file), read on first use and kept for the
 * life of the process. Without the weights files: NO_MODEL (lexicon only).
 */
export function defaultModel(): ScreeningModel {
  if (loaded) return loaded;
  loaded = fs.existsSync(MODEL_META_FILE) ? readModel(MODEL_META_FILE, MODEL_WEIGHTS_FILE) : NO_MODEL;
  return loaded;
}
