import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import type { FileReadGrant } from '../files/index.ts';
import { listShopsOf } from '../shops/index.ts';

/**
 * The files module's grant for chat images: an image sent in a delivered message may be read by the
 * conversation's buyer and by the members of its shop (its uploader reads it anyway).
 */
export const chatImageReaders: FileReadGrant = async (db: Executor, principal: Principal, fileId: number) => {
  if (principal.kind !== 'buyer' && principal.kind !== 'merchant') return false;
  const shopIds =
    principal.kind === 'merchant' ? (await listShopsOf(db, principal.userId)).map((s) => s.id) : [];
  const cited = await db
    .selectFrom('chatMessages as m')
    .innerJoin('chatConversations as c', 'c.id', 'm.conversationId')
    .select('m.id')
    .where('m.fileId', '=', fileId)
    .where('m.visibility', '=', 'visible')
    .where((party) =>
      party.or([
        party('c.buyerId', '=', principal.userId),
        ...(shopIds.length > 0 ? [party('c.shopId', 'in', shopIds)] : []),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return cited !== undefined;
};
