import type { paths } from '../../api/client.ts';

/** The `reputation` section of the configuration. */
export type ReputationRules =
  paths['/api/v1/configuration']['get']['responses']['200']['content']['application/json']['config']['reputation'];

const DIMS = ['product', 'logistics', 'service'] as const;

/** Every editable number of the section as text, by its path inside the section ("metrics.product.0.weight"). */
export function valuesOf(rules: ReputationRules): Record<string, string> {
  const out: Record<string, string> = {
    windowDays: String(rules.windowDays),
    minCompletedOrders: String(rules.minCompletedOrders),
    adviceCount: String(rules.adviceCount),
    recomputeCooldownMinutes: String(rules.recomputeCooldownMinutes),
  };
  for (const d of DIMS) {
    out[`weights.${d}`] = String(rules.weights[d]);
    rules.metrics[d].forEach((m, i) => {
      out[`metrics.${d}.${i}.weight`] = String(m.weight);
      m.curve.forEach((p, j) => {
        out[`metrics.${d}.${i}.curve.${j}.value`] = String(p.value);
        out[`metrics.${d}.${i}.curve.${j}.score`] = String(p.score);
      });
    });
  }
  return out;
}

/**
 * The section as the form's texts say, sent whole (lists are replaced). A text that is not a number is
 * sent as null, so the server names that field.
 */
export function rulesFromValues(rules: ReputationRules, values: Record<string, string>): unknown {
  const num = (path: string) => {
    const text = (values[path] ?? '').trim();
    const n = Number(text);
    return text === '' || Number.isNaN(n) ? null : n;
  };
  return {
    windowDays: num('windowDays'),
    minCompletedOrders: num('minCompletedOrders'),
    adviceCount: num('adviceCount'),
    recomputeCooldownMinutes: num('recomputeCooldownMinutes'),
    weights: Object.fromEntries(DIMS.map((d) => [d, num(`weights.${d}`)])),
    metrics: Object.fromEntries(
      DIMS.map((d) => [
        d,
        rules.metrics[d].map((m, i) => ({
          metric: m.metric,
          weight: num(`metrics.${d}.${i}.weight`),
          curve: m.curve.map((_, j) => ({
            value: num(`metrics.${d}.${i}.curve.${j}.value`),
            score: num(`metrics.${d}.${i}.curve.${j}.score`),
          })),
        })),
      ]),
    ),
  };
}
