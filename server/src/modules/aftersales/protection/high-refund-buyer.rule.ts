import type { AftersalesPolicy } from '../../configuration/index.ts';
import { duration, type RuleDecision } from '../decision.ts';
import { percent, ratioBp, times } from './ratio.ts';

export interface HighRefundBuyerInput {
  /** The buyer's orders in the window. */
  buyerOrders: number;
  /** The buyer's refund requests in the window. */
  buyerRequests: number;
  /** Refund rate of the categories the buyer bought in, weighted by the buyer's orders in each. */
  categoryAverageRateBp: number;
}

/**
 * 薅羊毛 / 恶意仅退款 (product rules §5): a buyer whose refund rate over the window is above
 * `multipleBp` × the category average, with at least `minRequests` requests, is labelled high-refund
 * (and loses instant refund and lightning return). At the threshold exactly is not above it.
 */
export function highRefundBuyer(
  input: HighRefundBuyerInput,
  policy: Pick<AftersalesPolicy, 'highRefundBuyer'>,
): RuleDecision<'label' | 'none'> {
  const { windowMs, multipleBp, minRequests } = policy.highRefundBuyer;
  const { buyerOrders, buyerRequests, categoryAverageRateBp } = input;
  const rateBp = ratioBp(buyerRequests, Math.max(buyerOrders, 1));
  const thresholdBp = Math.round((multipleBp * categoryAverageRateBp) / 10_000);
  // requests / orders > (multipleBp / 10⁴) × (average / 10⁴), cross-multiplied in exact integers.
  const above =
    BigInt(buyerRequests) * 100_000_000n >
    BigInt(multipleBp) * BigInt(categoryAverageRateBp) * BigInt(buyerOrders);
  const enough = buyerRequests >= minRequests;
  const outcome = above && enough ? 'label' : 'none';

  const window = duration(windowMs);
  const facts = {
    zh: `${window.zh}内订单${buyerOrders}笔、退款申请${buyerRequests}次，退款率${percent(rateBp)}；类目平均${percent(categoryAverageRateBp)}，其${times(multipleBp)}倍为${percent(thresholdBp)}`,
    en: `${buyerRequests} refund requests on ${buyerOrders} orders in ${window.en}: a refund rate of ${percent(rateBp)}; the category average is ${percent(categoryAverageRateBp)}, ${times(multipleBp)}× that is ${percent(thresholdBp)}`,
  };
  const verdict =
    outcome === 'label'
      ? {
          zh: `高于该倍数且申请不少于${minRequests}次：标记为高退款买家，不再享受极速退款和闪电退货。`,
          en: `above that multiple with at least ${minRequests} requests: labelled high-refund, no instant refund or lightning return.`,
        }
      : !enough
        ? {
            zh: `申请少于${minRequests}次：不标记。`,
            en: `fewer than ${minRequests} requests: not labelled.`,
          }
        : { zh: '未高于该倍数：不标记。', en: 'not above that multiple: not labelled.' };

  return {
    rule: 'high_refund_buyer',
    outcome,
    inputs: {
      buyerOrders,
      buyerRequests,
      rateBp,
      categoryAverageRateBp,
      thresholdBp,
      windowMs,
      multipleBp,
      minRequests,
    },
    explanation: { zh: `${facts.zh}；${verdict.zh}`, en: `${facts.en}; ${verdict.en}` },
  };
}
