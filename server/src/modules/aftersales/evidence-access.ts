import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import type { FileReadGrant } from '../files/index.ts';
import { listShopsOf } from '../shops/index.ts';

/**
 * The files module's grant for after-sales evidence: a file cited by the evidence of a request may be
 * read by that request's buyer and by members of its shop.
 */
export const aftersalesEvidenceReaders: FileReadGrant = async (
  db: Executor,
  principal: Principal,
  fileId: number,
) => {
  if (principal.kind !== 'buyer' && principal.kind !== 'merchant') return false;
  const shopIds =
    principal.kind === 'merchant' ? (await listShopsOf(db, principal.userId)).map((s) => s.id) : [];
  const cited = await db
    .selectFrom('aftersalesEvidence as e')
    .innerJoin('aftersalesRequests as r', 'r.id', 'e.requestId')
    .select((eb) => eb.lit(1).as('one'))
    .where((eb) => eb(eb.val(fileId), '=', eb.fn.any('e.fileIds')))
    .where((party) =>
      party.or([
        party('r.buyerId', '=', principal.userId),
        ...(shopIds.length > 0 ? [party('r.shopId', 'in', shopIds)] : []),
      ]),
    )
    .executeTakeFirst();
  return cited !== undefined;
};
