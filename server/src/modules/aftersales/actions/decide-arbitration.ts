import { actionOf, type Call } from '../action-context.ts';
import { type ArbitrationDecision, settle } from '../arbitration.service.ts';
import { lockRequest, requireState } from '../request-store.ts';

/**
 * Ops decide an arbitration (product rules §5): full, partial or reject, with the reason both parties
 * see. The decision's fields are checked by the arbitration machine's guard (machines.ts).
 */
export async function decideArbitration(call: Call, requestId: number, decision: ArbitrationDecision) {
  const request = await lockRequest(call.tx, requestId);
  requireState(request, ['in_arbitration'], 'an arbitration decision');
  await settle(await actionOf(call, 'ops'), request, decision);
}
