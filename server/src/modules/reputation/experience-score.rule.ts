import {
  REPUTATION_DIMENSIONS,
  type ReputationConfig,
  type ReputationDimension,
  type ReputationMetric,
} from '../configuration/index.ts';
import { metricSubScore, round2 } from './metric-score.rule.ts';
import type { MetricValues } from './metric-values.rule.ts';
import type { ScoreBand } from './reputation.tables.ts';
import { type ScoreDrag, scoreDrags, type WeightedMetric } from './score-advice.rule.ts';
import { scoreBand } from './score-band.rule.ts';

/** One metric as the score used it: null value (nothing to measure) means it did not count. */
export interface MetricResult {
  metric: ReputationMetric;
  dimension: ReputationDimension;
  value: number | null;
  subScore: number | null;
}

export interface DimensionResult {
  dimension: ReputationDimension;
  /** 0–5, two decimals; null when none of its metrics had anything to measure. */
  score: number | null;
}

export interface ExperienceScore {
  /** 0–5, two decimals; null: not enough completed orders. */
  score: number | null;
  band: ScoreBand;
  metrics: MetricResult[];
  dims: DimensionResult[];
  drags: ScoreDrag[];
}

/**
 * The experience score (product rules §7.1): each metric's sub-score from its curve; a dimension is
 * the weighted mean of its metrics that have a value; the score is the weighted mean of the
 * dimensions that have one (weights are relative, so a dimension or metric with nothing to measure
 * gives its weight to the others). Nothing measured at all scores full marks: no complaint is no
 * evidence against the shop. Fewer completed orders than the minimum: no score.
 */
export function experienceScore(
  values: MetricValues,
  completedOrders: number,
  config: ReputationConfig,
): ExperienceScore {
  const metrics: MetricResult[] = [];
  const dims: DimensionResult[] = [];
  const parts: { dimension: ReputationDimension; weight: number; metrics: WeightedMetric[] }[] = [];
  for (const dimension of REPUTATION_DIMENSIONS) {
    const defs = config.metrics[dimension];
    const valued: { def: (typeof defs)[number]; value: number; subScore: number }[] = [];
    for (const def of defs) {
      const value = values[def.metric];
      const subScore = value === null ? null : metricSubScore(value, def.curve);
      metrics.push({ metric: def.metric, dimension, value, subScore });
      if (value !== null && subScore !== null) valued.push({ def, value, subScore });
    }
    const total = valued.reduce((s, v) => s + v.def.weight, 0);
    if (total === 0) {
      dims.push({ dimension, score: null });
      continue;
    }
    const score = valued.reduce((s, v) => s + v.subScore * v.def.weight, 0) / total;
    dims.push({ dimension, score: round2(score) });
    parts.push({
      dimension,
      weight: config.weights[dimension],
      metrics: valued.map((v) => ({
        metric: v.def.metric,
        dimension,
        value: v.value,
        subScore: v.subScore,
        share: v.def.weight / total,
      })),
    });
  }
  if (completedOrders < config.minCompletedOrders) {
    return { score: null, band: scoreBand(null), metrics, dims, drags: [] };
  }
  const dimWeight = parts.reduce((s, p) => s + p.weight, 0);
  const weighted = parts.flatMap((p) =>
    p.metrics.map((m) => ({ ...m, share: (m.share * p.weight) / dimWeight })),
  );
  const score = dimWeight === 0 ? 5 : round2(weighted.reduce((s, m) => s + m.subScore * m.share, 0));
  return { score, band: scoreBand(score), metrics, dims, drags: scoreDrags(weighted, config.adviceCount) };
}
