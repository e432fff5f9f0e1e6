import { invalidField } from '../../../platform/errors.ts';
import { actionOf, type Call } from '../action-context.ts';
import { moveRequest, requireBeforeDeadline, requireState } from '../request-store.ts';
import { words } from '../request-words.ts';
import { refuseReturnParcel } from '../return-parcel-store.ts';
import { merchantRequest } from './party-request.ts';

/**
 * The merchant rejects a request, or refuses a returned parcel at receipt. product rules §5 (2024 rules):
 * only after a recorded communication with the buyer. The buyer may then resubmit or escalate.
 */
export async function rejectRequest(
  call: Call,
  requestId: number,
  input: { communicationId: number; reason: string },
) {
  const request = await merchantRequest(call, requestId);
  requireState(request, ['pending_merchant', 'return_shipped'], 'rejecting');
  requireBeforeDeadline(request, call.now);
  const communication = await call.tx
    .selectFrom('aftersalesCommunications')
    .select('id')
    .where('id', '=', input.communicationId)
    .where('requestId', '=', requestId)
    .executeTakeFirst();
  if (!communication)
    throw invalidField(
      'communicationId',
      `record a communication with the buyer on request ${requestId} first`,
    );
  const ac = await actionOf(call, 'merchant');
  if (request.state === 'return_shipped') await refuseReturnParcel(call.tx, requestId, call.now);
  await moveRequest(
    ac,
    request,
    'rejected',
    words('merchant_rejected', {
      reason: input.reason,
      communicationId: input.communicationId,
      windowMs: ac.policy.policy.resubmitWindowMs,
    }),
  );
}
