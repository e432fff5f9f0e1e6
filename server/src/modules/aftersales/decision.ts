/** Plain words for the buyer and the merchant, in both languages the platform speaks. */
export interface Explanation {
  zh: string;
  en: string;
}

/**
 * What a rule decided and why (product rules §5: every automated decision stores the rule, its inputs and
 * the configuration version). Rules are pure; the service stores the decision with the version.
 */
export interface RuleDecision<O extends string = string> {
  /** Stable rule name, e.g. 'instant_refund'. */
  rule: string;
  outcome: O;
  /** The facts the rule looked at, as stored for audit. */
  inputs: Record<string, unknown>;
  explanation: Explanation;
}

/** ¥ with two decimals, for explanations: 12345 → "¥123.45". */
export { formatYuan as yuan } from '../../platform/money.ts';

/** A duration in words: 172800000 → { zh: '48小时', en: '48 h' }; whole days above 72 h. */
export function duration(ms: number): Explanation {
  const hours = Math.round(ms / 3_600_000);
  if (hours > 72 && hours % 24 === 0) return { zh: `${hours / 24}天`, en: `${hours / 24} days` };
  return { zh: `${hours}小时`, en: `${hours} h` };
}
