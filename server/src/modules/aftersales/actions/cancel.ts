import { actionOf, type Call } from '../action-context.ts';
import { moveRequest, requireState } from '../request-store.ts';
import { words } from '../request-words.ts';
import { buyerRequest } from './party-request.ts';

/** The buyer withdraws the request. */
export async function cancelRequest(call: Call, requestId: number) {
  const request = await buyerRequest(call, requestId);
  requireState(
    request,
    ['pending_merchant', 'awaiting_return', 'rejected', 'awaiting_reship'],
    'withdrawing',
  );
  await moveRequest(await actionOf(call, 'buyer'), request, 'closed', words('withdrawn'));
}
