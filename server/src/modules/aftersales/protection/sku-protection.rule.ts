import type { AftersalesPolicy } from '../../configuration/index.ts';
import { duration, type RuleDecision } from '../decision.ts';
import { percent, ratioBp, times } from './ratio.ts';

/** Quality-refund figures (品退率, product rules §5) over some orders. */
export interface QualityFigures {
  /** Orders delivered within the window of payment, less those handled under a guarantee. */
  eligible: number;
  /** Of those, the ones whose first refund within the window of payment cites quality. */
  qualityRefunds: number;
}

export interface SkuSpikeInput {
  /** The SKU's orders paid in the protection window. */
  sku: QualityFigures;
  /** The other SKUs of its category, orders paid in the baseline window. */
  category: QualityFigures;
}

/**
 * 平台主动保障 (product rules §8.5): a SKU whose quality-refund rate over the window is above
 * `multipleBp` × its category's baseline (the category's other SKUs over the longer baseline window), with
 * at least `minOrders` eligible orders, `minQualityRefunds` quality refunds and a rate of `minRateBp`,
 * is protected. A category without a baseline (no other orders) leaves only the floors to decide.
 */
export function skuQualitySpike(
  input: SkuSpikeInput,
  policy: Pick<AftersalesPolicy, 'skuProtection'>,
): RuleDecision<'protect' | 'none'> {
  const { windowMs, baselineWindowMs, multipleBp, minOrders, minQualityRefunds, minRateBp } =
    policy.skuProtection;
  const rateBp = ratioBp(input.sku.qualityRefunds, input.sku.eligible);
  const baselineBp = ratioBp(input.category.qualityRefunds, input.category.eligible);
  const thresholdBp = Math.ceil((baselineBp * multipleBp) / 10_000);
  const checks = [
    {
      ok: input.sku.eligible >= minOrders,
      zh: `订单不足${minOrders}笔`,
      en: `fewer than ${minOrders} orders`,
    },
    {
      ok: input.sku.qualityRefunds >= minQualityRefunds,
      zh: `质量退款不足${minQualityRefunds}次`,
      en: `fewer than ${minQualityRefunds} quality refunds`,
    },
    {
      ok: rateBp >= minRateBp,
      zh: `品退率低于${percent(minRateBp)}`,
      en: `a rate below ${percent(minRateBp)}`,
    },
    {
      // Strictly above: rate × 10000 > baseline × multiple, in integers.
      ok: rateBp * 10_000 > baselineBp * multipleBp,
      zh: `未高于类目基准的${times(multipleBp)}倍（${percent(thresholdBp)}）`,
      en: `not above ${times(multipleBp)} × the category baseline (${percent(thresholdBp)})`,
    },
  ];
  const failed = checks.filter((c) => !c.ok);
  const outcome = failed.length === 0 ? 'protect' : 'none';
  const window = duration(windowMs);
  const facts = {
    zh: `${window.zh}内品退率${percent(rateBp)}（${input.sku.qualityRefunds}/${input.sku.eligible}单），类目基准${percent(baselineBp)}`,
    en: `quality-refund rate ${percent(rateBp)} over ${window.en} (${input.sku.qualityRefunds} of ${input.sku.eligible} orders), category baseline ${percent(baselineBp)}`,
  };
  const verdict =
    outcome === 'protect'
      ? {
          zh: `高于类目基准的${times(multipleBp)}倍：平台主动保障，该规格质量原因的退款申请直接同意，直至平台解除。`,
          en: `above ${times(multipleBp)} × the baseline: platform protection, quality refund requests on this SKU are approved at once until ops clear it.`,
        }
      : {
          zh: `${failed.map((c) => c.zh).join('，')}：不启动保障。`,
          en: `${failed.map((c) => c.en).join(', ')}: no protection.`,
        };
  return {
    rule: 'sku_quality_spike',
    outcome,
    inputs: {
      eligible: input.sku.eligible,
      qualityRefunds: input.sku.qualityRefunds,
      rateBp,
      baselineEligible: input.category.eligible,
      baselineQualityRefunds: input.category.qualityRefunds,
      baselineBp,
      windowMs,
      baselineWindowMs,
      multipleBp,
      minOrders,
      minQualityRefunds,
      minRateBp,
    },
    explanation: { zh: `${facts.zh}；${verdict.zh}`, en: `${facts.en}; ${verdict.en}` },
  };
}

/**
 * While a SKU is protected, a quality-reason refund request on it is approved at once (product rules
 * §8.5): a refund without return or a guarantee claim is refunded, a return is approved with the return
 * address. A high-refund buyer's request waits for the merchant as any automation (§5). The decision
 * names the protection, so the merchant reads why.
 */
export function protectedQualityRequest(input: {
  protection: { id: number; rateBp: number; baselineBp: number; detectedAt: Date };
  type: string;
  reason: string;
  qualityReason: boolean;
  buyerHighRefund: boolean;
}): RuleDecision<'approve' | 'manual'> | null {
  if (!input.qualityReason) return null;
  const inputs = {
    protectionId: input.protection.id,
    rateBp: input.protection.rateBp,
    baselineBp: input.protection.baselineBp,
    type: input.type,
    reason: input.reason,
    buyerHighRefund: input.buyerHighRefund,
  };
  const facts = {
    zh: `平台主动保障中：该规格品退率${percent(input.protection.rateBp)}，高于类目基准${percent(input.protection.baselineBp)}`,
    en: `Platform protection: this SKU's quality-refund rate ${percent(input.protection.rateBp)} is above its category baseline ${percent(input.protection.baselineBp)}`,
  };
  if (input.buyerHighRefund)
    return {
      rule: 'sku_protection',
      outcome: 'manual',
      inputs,
      explanation: {
        zh: `${facts.zh}，但买家为高退款买家，由商家处理`,
        en: `${facts.en}, but the buyer is labelled high-refund; the merchant decides`,
      },
    };
  const done =
    input.type === 'return_refund'
      ? { zh: '质量原因的退货申请已直接同意', en: 'the quality return is approved at once' }
      : { zh: '质量原因的退款已直接退回', en: 'the quality refund is paid at once' };
  return {
    rule: 'sku_protection',
    outcome: 'approve',
    inputs,
    explanation: { zh: `${facts.zh}，${done.zh}`, en: `${facts.en}; ${done.en}` },
  };
}
