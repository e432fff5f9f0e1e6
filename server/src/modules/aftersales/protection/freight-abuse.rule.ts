import type { AftersalesPolicy } from '../../configuration/index.ts';
import { duration, type RuleDecision } from '../decision.ts';
import { percent, ratioBp } from './ratio.ts';

export interface FreightAbuseInput {
  /** The product's paid orders in the window. */
  orders: number;
  /** Return-and-refund requests on the product in the window whose reason is not a quality one. */
  noQualityReturns: number;
}

/**
 * 薅运费 (product rules §5): a product returned often with no quality issue — at least `minReturns` such
 * returns, and more than `returnRateBp` of its orders — is flagged; those returns then leave the
 * merchant's metrics.
 */
export function freightAbuse(
  input: FreightAbuseInput,
  policy: Pick<AftersalesPolicy, 'freightAbuse'>,
): RuleDecision<'flag' | 'none'> {
  const { windowMs, minReturns, returnRateBp } = policy.freightAbuse;
  const { orders, noQualityReturns } = input;
  const rateBp = ratioBp(noQualityReturns, Math.max(orders, 1));
  const enough = noQualityReturns >= minReturns;
  const above = noQualityReturns * 10_000 > returnRateBp * orders;
  const outcome = enough && above ? 'flag' : 'none';

  const window = duration(windowMs);
  const facts = {
    zh: `${window.zh}内订单${orders}笔、非质量原因退货${noQualityReturns}次（${percent(rateBp)}）`,
    en: `${noQualityReturns} returns without a quality reason on ${orders} orders in ${window.en} (${percent(rateBp)})`,
  };
  const verdict =
    outcome === 'flag'
      ? {
          zh: `不少于${minReturns}次且高于${percent(returnRateBp)}：判定为薅运费商品，这些退货不计入商家指标。`,
          en: `at least ${minReturns} and above ${percent(returnRateBp)}: freight abuse, these returns leave the merchant's metrics.`,
        }
      : !enough
        ? { zh: `少于${minReturns}次：不判定。`, en: `fewer than ${minReturns}: not flagged.` }
        : {
            zh: `未高于${percent(returnRateBp)}：不判定。`,
            en: `not above ${percent(returnRateBp)}: not flagged.`,
          };

  return {
    rule: 'freight_abuse',
    outcome,
    inputs: { orders, noQualityReturns, rateBp, windowMs, minReturns, returnRateBp },
    explanation: { zh: `${facts.zh}；${verdict.zh}`, en: `${facts.en}; ${verdict.en}` },
  };
}
