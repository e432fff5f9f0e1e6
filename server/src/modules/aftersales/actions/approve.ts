import { actionOf, type Call } from '../action-context.ts';
import { approve } from '../request-steps.ts';
import { requireBeforeDeadline, requireState } from '../request-store.ts';
import { words } from '../request-words.ts';
import { merchantRequest } from './party-request.ts';

/**
 * The merchant approves (product rules §5): a refund is paid at once (仅退款 approved without a return), a
 * return gets its address, a resend waits for the replacement parcel.
 */
export async function approveRequest(call: Call, requestId: number) {
  const request = await merchantRequest(call, requestId);
  requireState(request, ['pending_merchant'], 'approving');
  requireBeforeDeadline(request, call.now);
  const ac = await actionOf(call, 'merchant');
  await approve(ac, request, words('merchant_approved', { fen: request.requestedFen }));
}
