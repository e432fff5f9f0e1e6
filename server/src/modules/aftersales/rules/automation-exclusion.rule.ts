import type { Explanation } from '../decision.ts';

/** The facts that keep a request away from the automatic paths, whatever else holds. */
export interface AutomationExclusionInput {
  customMade: boolean;
  isVirtual: boolean;
  buyerHighRefund: boolean;
}

/**
 * product rules §5: 极速退款 and 闪电退货 are both off for custom-made and virtual goods and for buyers
 * labelled high-refund (恶意仅退款). Returns why the automation is off, or null when nothing excludes it.
 */
export function automationExclusion(input: AutomationExclusionInput): Explanation | null {
  if (input.customMade) return { zh: '定制商品', en: 'the item is custom-made' };
  if (input.isVirtual) return { zh: '虚拟商品', en: 'the item is virtual' };
  if (input.buyerHighRefund)
    return { zh: '买家已被标记为高退款用户', en: 'the buyer is labelled high-refund' };
  return null;
}
