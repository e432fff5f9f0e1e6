import { invalidField } from '../../../platform/errors.ts';
import type { Call } from '../action-context.ts';
import { chatRecords } from '../chat-records.ts';
import { requireState } from '../request-store.ts';
import { merchantRequest } from './party-request.ts';

export interface CommunicationInput {
  channel: 'phone' | 'chat' | 'sms' | 'other';
  summary: string;
  /** The buyer's conversation with the shop it cites (product rules §5: a recorded chat counts). */
  conversationId?: number;
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
  if (input.conversationId !== undefined) {
    if (input.channel !== 'chat') throw invalidField('channel', 'a cited conversation is a chat');
    const refusal = await chatRecords().refusalOf(call.tx, input.conversationId, {
      shopId: request.shopId,
      buyerId: request.buyerId,
    });
    if (refusal) throw invalidField('conversationId', refusal);
  }
  const row = await call.tx
    .insertInto('aftersalesCommunications')
    .values({
      requestId,
      recordedBy: call.principal.userId,
      channel: input.channel,
      summary: input.summary,
      conversationId: input.conversationId ?? null,
      at: call.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
