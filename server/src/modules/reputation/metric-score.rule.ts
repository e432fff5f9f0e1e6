/** A point of a metric's curve: at `value` the metric is worth `score` (0–5). */
export interface CurvePoint {
  value: number;
  score: number;
}

/**
 * A metric's sub-score (0–5, two decimals) from its curve: linear between the two points around the
 * value, the end's score beyond either end. The points are taken in order of value whatever order
 * they are stored in; a higher-is-better metric (pickup in time) simply has rising scores.
 */
export function metricSubScore(value: number, curve: readonly CurvePoint[]): number {
  const points = [...curve].sort((a, b) => a.value - b.value);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 5;
  if (value <= first.value) return round2(first.score);
  if (value >= last.value) return round2(last.score);
  for (let i = 1; i < points.length; i++) {
    const hi = points[i]!;
    const lo = points[i - 1]!;
    if (value <= hi.value) {
      const span = hi.value - lo.value;
      const t = span === 0 ? 1 : (value - lo.value) / span;
      return round2(lo.score + t * (hi.score - lo.score));
    }
  }
  return round2(last.score);
}

/** Two decimals, half away from zero (scores are never negative). */
export function round2(n: number): number {
  return Math.round(n * 100 + 1e-9) / 100;
}
