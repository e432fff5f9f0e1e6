import { actionOf, type Call } from '../action-context.ts';
import { moveRequest, requireBeforeDeadline, requireState } from '../request-store.ts';
import { words } from '../request-words.ts';
import { shipReturnParcel } from '../return-parcel-store.ts';
import { buyerRequest } from './party-request.ts';
import type { ParcelInput } from './reship.ts';

/** The buyer hands the return to a carrier; the merchant's receipt clock starts (7 days). */
export async function shipReturn(call: Call, requestId: number, input: ParcelInput) {
  const request = await buyerRequest(call, requestId);
  requireState(request, ['awaiting_return'], 'shipping the return');
  requireBeforeDeadline(request, call.now);
  const ac = await actionOf(call, 'buyer');
  const trackingNumber = input.trackingNumber.toUpperCase();
  await shipReturnParcel(call.tx, requestId, { carrier: input.carrier, trackingNumber }, call.now);
  await moveRequest(
    ac,
    request,
    'return_shipped',
    words('return_shipped', { carrier: input.carrier, tracking: trackingNumber }),
  );
}
