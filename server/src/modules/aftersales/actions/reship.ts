import type { Carrier } from '../../fulfilment/index.ts';
import { actionOf, type Call } from '../action-context.ts';
import { moveRequest, requireBeforeDeadline, requireState } from '../request-store.ts';
import { words } from '../request-words.ts';
import { merchantRequest } from './party-request.ts';

export interface ParcelInput {
  carrier: Carrier;
  trackingNumber: string;
}

/** The merchant ships the replacement of an exchange or a resend: the request is resolved. */
export async function reship(call: Call, requestId: number, input: ParcelInput) {
  const request = await merchantRequest(call, requestId);
  requireState(request, ['awaiting_reship'], 'shipping a replacement');
  requireBeforeDeadline(request, call.now);
  const ac = await actionOf(call, 'merchant');
  const trackingNumber = input.trackingNumber.toUpperCase();
  await call.tx
    .insertInto('reshipments')
    .values({
      requestId,
      carrier: input.carrier,
      trackingNumber,
      shippedBy: call.principal.userId,
      shippedAt: call.now,
    })
    .execute();
  await moveRequest(
    ac,
    request,
    'resolved',
    words('reshipped', { carrier: input.carrier, tracking: trackingNumber }),
  );
}
