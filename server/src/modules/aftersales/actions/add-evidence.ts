import { invalidField, notFound } from '../../../platform/errors.ts';
import { requireOwnFiles } from '../../files/index.ts';
import { requireShopMember } from '../../shops/index.ts';
import type { Call } from '../action-context.ts';
import { closeEvidenceWindow } from '../arbitration-store.ts';
import { type EvidenceInput, insertEvidence } from '../request-steps.ts';
import { lockRequest, requireState } from '../request-store.ts';

/** Evidence from the buyer or the merchant; the merchant's evidence in arbitration ends its 48 h window. */
export async function addEvidence(call: Call, requestId: number, evidence: EvidenceInput): Promise<void> {
  const { tx, principal } = call;
  const peek = await tx
    .selectFrom('aftersalesRequests')
    .select(['buyerId', 'shopId'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!peek) throw notFound('after-sales request', requestId);
  let party: 'buyer' | 'merchant';
  if (principal.kind === 'buyer') {
    if (peek.buyerId !== principal.userId) throw notFound('after-sales request', requestId);
    party = 'buyer';
  } else {
    await requireShopMember(tx, principal, peek.shopId);
    party = 'merchant';
  }
  const request = await lockRequest(tx, requestId);
  requireState(
    request,
    [
      'pending_merchant',
      'awaiting_return',
      'return_shipped',
      'awaiting_reship',
      'rejected',
      'in_arbitration',
    ],
    'adding evidence',
  );
  if (!evidence.text && (evidence.fileIds ?? []).length === 0)
    throw invalidField('text', 'give a text, files, or both');
  if ((evidence.fileIds ?? []).length > 0) await requireOwnFiles(tx, principal.userId, evidence.fileIds!);
  await insertEvidence(tx, requestId, { party, userId: principal.userId }, evidence, call.now);
  if (party === 'merchant' && request.state === 'in_arbitration')
    await closeEvidenceWindow(tx, { requestId });
}
