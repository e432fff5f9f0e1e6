// How the lexicon and the learned model combine into one verdict (product rules §6.1, issue 17): the
// lexicon gives precise hits and their explanation, the model recall, each category held against the
// surface's calibrated thresholds. A pure function of the hits and the scores.
import type { Category } from './lexicon.ts';
import type { ScreeningModel, Threshold } from './model/model.ts';
import type { NotCounted } from './scope.ts';
import type { ScreeningRisk } from './screener.ts';

/** A low-severity lexicon hit is corroborated (medium) when the model gives its category this share of the flag threshold. */
export const CORROBORATION = 0.5;

export interface CountedHit {
  category: Category;
  severity: 'low' | 'high';
  counted: boolean;
  why?: NotCounted;
}

/** Readings the lexicon understands and the model cannot see: they keep the model from flagging alone. */
const UNDERSTOOD = new Set<NotCounted>(['negated', 'disclaimer', 'fact']);

export interface Verdict {
  category: Category;
  score: number;
  flagged: boolean;
  high: boolean;
}

const LEVEL: Record<ScreeningRisk, number> = { none: 0, low: 1, medium: 2, high: 3 };
const RISK_OF: ScreeningRisk[] = ['none', 'low', 'medium', 'high'];

/**
 * The model's verdicts on a normalised text: every category the model scores that has a threshold on
 * the surface and is screened (`screened`), highest score first. Scores nothing when nothing qualifies.
 */
export function modelVerdicts(
  model: ScreeningModel,
  normalized: string,
  thresholds: Partial<Record<Category, Threshold>>,
  screened: (category: Category) => boolean,
): Verdict[] {
  const { categories } = model;
  let any = false;
  for (let i = 0; i < categories.length && !any; i++)
    any = thresholds[categories[i]!] !== undefined && screened(categories[i]!);
  if (!any) return [];
  const scores = model.score(normalized);
  const verdicts: Verdict[] = [];
  for (let i = 0; i < categories.length; i++) {
    const category = categories[i]!;
    const threshold = thresholds[category];
    if (threshold === undefined || !screened(category)) continue;
    const score = Math.min(1, Math.max(0, scores[i] ?? 0));
    verdicts.push({ category, score, flagged: score >= threshold.flag, high: score >= threshold.high });
  }
  return verdicts.sort((a, b) => b.score - a.score);
}

/**
 * The risk of each category and of the text:
 * - high: a counted high-severity hit, or a model score at or above the surface's high threshold;
 * - medium: a model score at or above the flag threshold, or a counted low-severity hit the model
 *   corroborates (its category scores at least CORROBORATION × the flag threshold); the model alone
 *   does not flag a category the lexicon found only negated, disclaimed or as a fact (it cannot see
 *   that scope), though a score at the high threshold still counts;
 * - low: counted low-severity hits the model does not support (or does not score);
 * - none.
 * `categories`: those at medium or high; without a surface (`legacy`), also those at low, as every
 * counted hit's category was before issue 17.
 */
export function combine(
  hits: readonly CountedHit[],
  verdicts: readonly Verdict[],
  thresholds: Partial<Record<Category, Threshold>>,
  legacy: boolean,
): { risk: ScreeningRisk; categories: Category[] } {
  if (hits.length === 0 && !verdicts.some((v) => v.flagged)) return { risk: 'none', categories: [] };
  const level = new Map<Category, number>();
  const raise = (category: Category, to: number) => {
    if ((level.get(category) ?? 0) < to) level.set(category, to);
  };
  const scoreOf = (category: Category) => verdicts.find((v) => v.category === category)?.score;
  // a category the lexicon found only negated, disclaimed or as a fact ("本品不能代替药物治疗疾病")
  const understood = new Set<Category>();
  for (const hit of hits)
    if (!hit.counted && hit.why && UNDERSTOOD.has(hit.why)) understood.add(hit.category);
  for (const hit of hits) {
    if (!hit.counted) continue;
    understood.delete(hit.category);
    if (hit.severity === 'high') {
      raise(hit.category, LEVEL.high);
      continue;
    }
    const score = scoreOf(hit.category);
    const flag = thresholds[hit.category]?.flag;
    const corroborated = score !== undefined && flag !== undefined && score >= flag * CORROBORATION;
    raise(hit.category, corroborated ? LEVEL.medium : LEVEL.low);
  }
  for (const v of verdicts) {
    if (v.high) raise(v.category, LEVEL.high);
    else if (v.flagged && !understood.has(v.category)) raise(v.category, LEVEL.medium);
  }
  let risk = 0;
  const categories: Category[] = [];
  for (const [category, at] of level) {
    risk = Math.max(risk, at);
    if (at >= LEVEL.medium || legacy) categories.push(category);
  }
  return { risk: RISK_OF[risk]!, categories };
}
