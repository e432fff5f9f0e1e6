import { actionOf, type Call } from '../action-context.ts';
import { refundAndEnd } from '../request-steps.ts';
import { moveRequest, requireBeforeDeadline, requireState } from '../request-store.ts';
import { words } from '../request-words.ts';
import { receiveReturnParcel } from '../return-parcel-store.ts';
import { merchantRequest } from './party-request.ts';

/** The merchant confirms the returned parcel arrived: a return is refunded, an exchange reshipped. */
export async function confirmReturnReceipt(call: Call, requestId: number) {
  const request = await merchantRequest(call, requestId);
  requireState(request, ['return_shipped'], 'confirming receipt');
  requireBeforeDeadline(request, call.now);
  const ac = await actionOf(call, 'merchant');
  await receiveReturnParcel(call.tx, requestId, call.now);
  if (request.type === 'exchange')
    return moveRequest(ac, request, 'awaiting_reship', words('return_received_exchange'));
  return refundAndEnd(
    ac,
    request,
    { amountFen: request.requestedFen, funding: 'order' },
    words('return_received', { fen: request.requestedFen }),
  );
}
