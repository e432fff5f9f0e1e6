import { describe, expect, it } from 'vitest';
import { reachable } from '../../../platform/state-machine.ts';
import { defaultPolicy } from '../../configuration/index.ts';
import { skuProtectionTransitions } from './sku-protection.machine.ts';
import { protectedQualityRequest, skuQualitySpike } from './sku-protection.rule.ts';

const policy = defaultPolicy; // 7 days, 3 × baseline, ≥ 20 orders, ≥ 3 quality refunds, ≥ 5%

describe('skuQualitySpike', () => {
  it.each([
    // sku eligible/quality, category eligible/quality, outcome
    [20, 4, 200, 4, 'protect'], // 20% against 2%: above 6%
    [40, 4, 100, 4, 'none'], // 10% against 4%: not above 12%
    [19, 5, 200, 2, 'none'], // too few orders
    [100, 2, 1_000, 0, 'none'], // too few quality refunds
    [100, 4, 1_000, 0, 'none'], // 4% below the 5% floor
    [60, 3, 0, 0, 'protect'], // no baseline: the floors decide (5% ≥ 5%)
    [20, 3, 100, 5, 'none'], // 15% is exactly 3 × 5%: not above
    [20, 4, 100, 5, 'protect'], // 20% above 15%
  ])('%i orders %i quality vs category %i/%i → %s', (eligible, quality, catEligible, catQuality, outcome) => {
    const decision = skuQualitySpike(
      {
        sku: { eligible, qualityRefunds: quality },
        category: { eligible: catEligible, qualityRefunds: catQuality },
      },
      policy,
    );
    expect(decision.outcome).toBe(outcome);
    expect(decision.rule).toBe('sku_quality_spike');
  });

  it('explains the figures and what protection does, in both languages', () => {
    const decision = skuQualitySpike(
      { sku: { eligible: 20, qualityRefunds: 4 }, category: { eligible: 200, qualityRefunds: 4 } },
      policy,
    );
    expect(decision.explanation.zh).toBe(
      '7天内品退率20%（4/20单），类目基准2%；高于类目基准的3倍：平台主动保障，该规格质量原因的退款申请直接同意，直至平台解除。',
    );
    expect(decision.inputs).toMatchObject({ rateBp: 2_000, baselineBp: 200, multipleBp: 30_000 });
  });

  it('names every floor that was not met', () => {
    const decision = skuQualitySpike(
      { sku: { eligible: 10, qualityRefunds: 0 }, category: { eligible: 100, qualityRefunds: 1 } },
      policy,
    );
    expect(decision.explanation.zh).toContain('订单不足20笔，质量退款不足3次，品退率低于5%');
  });
});

describe('protectedQualityRequest', () => {
  const protection = { id: 7, rateBp: 2_000, baselineBp: 200, detectedAt: new Date(0) };
  it.each([
    ['refund_only', 'quality_issue', true, false, 'approve'],
    ['return_refund', 'damaged', true, false, 'approve'],
    ['guarantee_claim', 'spoiled', true, false, 'approve'],
    ['refund_only', 'quality_issue', true, true, 'manual'],
    ['return_refund', 'dont_like', false, false, null],
  ] as const)(
    '%s %s (quality %s, high-refund %s) → %s',
    (type, reason, qualityReason, buyerHighRefund, outcome) => {
      const decision = protectedQualityRequest({ protection, type, reason, qualityReason, buyerHighRefund });
      expect(decision?.outcome ?? null).toBe(outcome);
    },
  );

  it('names the protection in its words', () => {
    const decision = protectedQualityRequest({
      protection,
      type: 'return_refund',
      reason: 'damaged',
      qualityReason: true,
      buyerHighRefund: false,
    });
    expect(decision!.explanation.zh).toBe(
      '平台主动保障中：该规格品退率20%，高于类目基准2%，质量原因的退货申请已直接同意',
    );
  });
});

describe('skuProtectionTransitions', () => {
  it('reaches cleared from active, and cleared is final', () => {
    expect([...reachable(skuProtectionTransitions, 'active')].sort()).toEqual(['active', 'cleared']);
    expect(skuProtectionTransitions.cleared).toEqual([]);
  });
});
