import { type RuleDecision, yuan } from '../decision.ts';
import type { BuyersPolicy, GoodBuyerDecision } from './good-buyer.rule.ts';

/**
 * Faster guarantee claims for good buyers (product rules §7.6): a claim of a good buyer up to
 * `fastClaimMaxFen` (inclusive) is approved and refunded at once; anything else waits for the merchant
 * as before (24 h, then the platform pays). A `fastClaimMaxFen` of 0 turns it off. The decision keeps
 * the tier's conditions, so the merchant reads why.
 */
export function fastClaim(
  input: { tier: GoodBuyerDecision; amountFen: number },
  policy: Pick<BuyersPolicy, 'fastClaimMaxFen'>,
): RuleDecision<'approve' | 'manual'> {
  const limit = policy.fastClaimMaxFen;
  const inputs = {
    amountFen: input.amountFen,
    fastClaimMaxFen: limit,
    tier: input.tier.outcome,
    tierInputs: input.tier.inputs,
  };
  const amount = yuan(input.amountFen);
  if (input.tier.outcome !== 'good')
    return {
      rule: 'good_buyer_fast_claim',
      outcome: 'manual',
      inputs,
      explanation: {
        zh: `非优质买家（${input.tier.explanation.zh.replace(/^普通买家：/, '')}），由商家处理`,
        en: `Not a good buyer (${input.tier.explanation.en.replace(/^Standard buyer: /, '')}); the merchant decides`,
      },
    };
  if (limit === 0 || input.amountFen > limit)
    return {
      rule: 'good_buyer_fast_claim',
      outcome: 'manual',
      inputs,
      explanation: {
        zh: `优质买家，但理赔金额${amount}超过快速理赔上限${yuan(limit)}，由商家处理`,
        en: `A good buyer, but ${amount} is above the fast-claim limit of ${yuan(limit)}; the merchant decides`,
      },
    };
  return {
    rule: 'good_buyer_fast_claim',
    outcome: 'approve',
    inputs,
    explanation: {
      zh: `优质买家快速理赔：金额${amount}不超过${yuan(limit)}，已直接退款。${input.tier.explanation.zh}`,
      en: `Good-buyer fast claim: ${amount} is within ${yuan(limit)}, refunded at once. ${input.tier.explanation.en}`,
    },
  };
}
