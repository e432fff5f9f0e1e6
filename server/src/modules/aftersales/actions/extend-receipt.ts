import { AppError } from '../../../platform/errors.ts';
import { actionOf, type Call } from '../action-context.ts';
import { requireBeforeDeadline, requireState, restartDeadline } from '../request-store.ts';
import { words } from '../request-words.ts';
import { receiptExtensionAllowed } from '../rules/request-deadline.rule.ts';
import { merchantRequest } from './party-request.ts';

/** One extension of the receipt deadline (product rules §5: one 7-day extension). */
export async function extendReceipt(call: Call, requestId: number) {
  const request = await merchantRequest(call, requestId);
  requireState(request, ['return_shipped'], 'extending the receipt deadline');
  requireBeforeDeadline(request, call.now);
  if (!receiptExtensionAllowed(request.receiptExtended))
    throw new AppError('conflict', `the receipt deadline of request ${requestId} was already extended once`);
  const ac = await actionOf(call, 'merchant');
  const until = new Date(request.deadlineAt!.getTime() + ac.policy.policy.receiptExtensionMs);
  await restartDeadline(ac, request, words('receipt_extended', { until }), { until });
}
