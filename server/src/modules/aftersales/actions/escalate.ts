import { actionOf, type Call } from '../action-context.ts';
import { openArbitration } from '../request-steps.ts';
import { requireBeforeDeadline, requireState } from '../request-store.ts';
import { words } from '../request-words.ts';
import { buyerRequest } from './party-request.ts';

/** The buyer escalates a rejected request to arbitration (within the 7-day window). */
export async function escalateRequest(call: Call, requestId: number, input: { reason: string }) {
  const request = await buyerRequest(call, requestId);
  requireState(request, ['rejected'], 'escalating');
  requireBeforeDeadline(request, call.now);
  const ac = await actionOf(call, 'buyer');
  await openArbitration(ac, request, 'buyer', words('escalated', { reason: input.reason }));
}
