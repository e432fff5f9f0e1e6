import type { Call } from '../action-context.ts';
import { requireState } from '../request-store.ts';
import { merchantRequest } from './party-request.ts';

export interface CommunicationInput {
  channel: 'phone' | 'chat' | 'sms' | 'other';
  summary: string;
}

/** A merchant records a communication with the buyer (needed before rejecting). */
export async function recordCommunication(
  call: Call,
  requestId: number,
  input: CommunicationInput,
): Promise<number> {
  const request = await merchantRequest(call, requestId);
  requireState(
    request,
    ['pending_merchant', 'return_shipped', 'awaiting_reship', 'in_arbitration'],
    'recording a communication',
  );
  const row = await call.tx
    .insertInto('aftersalesCommunications')
    .values({
      requestId,
      recordedBy: call.principal.userId,
      channel: input.channel,
      summary: input.summary,
      at: call.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
