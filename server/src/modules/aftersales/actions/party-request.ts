import { notFound } from '../../../platform/errors.ts';
import { requireShopMember } from '../../shops/index.ts';
import type { Call } from '../action-context.ts';
import { lockRequest, type RequestRow } from '../request-store.ts';

/** The request, locked, after checking the caller is a member of its shop (else 404). */
export async function merchantRequest(call: Call, requestId: number): Promise<RequestRow> {
  const peek = await call.tx
    .selectFrom('aftersalesRequests')
    .select('shopId')
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!peek) throw notFound('after-sales request', requestId);
  await requireShopMember(call.tx, call.principal, peek.shopId);
  return lockRequest(call.tx, requestId);
}

/** The request, locked, when the caller is its buyer (else 404). */
export async function buyerRequest(call: Call, requestId: number): Promise<RequestRow> {
  const request = await lockRequest(call.tx, requestId).catch(() => null);
  if (!request || request.buyerId !== call.principal.userId) throw notFound('after-sales request', requestId);
  return request;
}
