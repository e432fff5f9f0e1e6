import type { ActionContext } from './action-context.ts';
import { protectedQualityRequest } from './protection/sku-protection.rule.ts';
import { activeSkuProtection, noteProtectedApproval } from './protection/sku-protection.service.ts';
import { isQualityReason } from './reasons.ts';
import { approveReturn, refundAndEnd } from './request-steps.ts';
import type { RequestRow } from './request-store.ts';

const PROTECTED_TYPES = new Set(['refund_only', 'return_refund', 'guarantee_claim']);

/**
 * 平台主动保障 (product rules §8.5): a quality-reason refund request on a protected SKU is approved at
 * once — a refund (without return, or a guarantee claim) is paid from the order, a return is approved
 * with the address — and the decision names the protection. A counterfeit claim on a 假一赔十 line still
 * goes to arbitration (it pays more than a refund). A high-refund buyer's request waits for the merchant,
 * told why. Returns whether the request was decided here.
 */
export async function approveOnProtectedSku(
  ac: ActionContext,
  request: RequestRow,
  line: { skuId: number; guarantees: readonly string[] },
  buyerHighRefund: boolean,
): Promise<boolean> {
  if (!PROTECTED_TYPES.has(request.type) || !isQualityReason(request.reason)) return false;
  if (request.reason === 'counterfeit' && line.guarantees.includes('fake_pays_n')) return false;
  const protection = await activeSkuProtection(ac.tx, line.skuId);
  if (!protection) return false;
  const decision = protectedQualityRequest({
    protection,
    type: request.type,
    reason: request.reason,
    qualityReason: true,
    buyerHighRefund,
  });
  if (decision?.outcome !== 'approve') return false;
  await noteProtectedApproval(ac.tx, protection.id);
  if (request.type === 'return_refund') await approveReturn(ac, request, decision, decision.rule);
  else
    await refundAndEnd(
      ac,
      request,
      { amountFen: request.requestedFen, funding: 'order' },
      decision,
      decision.rule,
    );
  return true;
}
