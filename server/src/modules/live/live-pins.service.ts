import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { getProductSummary } from '../catalog/index.ts';
import { pinRefused, wrongState } from './live.errors.ts';
import { PINNABLE_STATES } from './live.machine.ts';
import { loadHostedSession } from './live.service.ts';
import { publishLiveChange } from './live-events.publish.ts';
import type { PinnedProductView } from './live-read.service.ts';
import { unfeatureIfFeatured } from './live-room.service.ts';
import { decidePin } from './pin-eligibility.rule.ts';

/** 挂车: pin a product in a scheduled or live session. The creator commission is fixed at pin time. */
export async function pinProduct(
  db: Executor,
  clock: Clock,
  principal: Principal,
  sessionId: number,
  productId: number,
): Promise<PinnedProductView> {
  return db.transaction().execute(async (tx) => {
    // The session row lock serialises pins of one session, so the cap holds under concurrent pins.
    const session = await loadHostedSession(tx, principal, sessionId);
    if (!PINNABLE_STATES.includes(session.state)) {
      throw wrongState(sessionId, session.state, 'pinning', PINNABLE_STATES);
    }
    const product = await getProductSummary(tx, productId);
    const active = await tx
      .selectFrom('livePins')
      .select('productId')
      .where('sessionId', '=', sessionId)
      .where('unpinnedAt', 'is', null)
      .execute();
    const decision = decidePin({
      hostShopId: session.shopId,
      product,
      alreadyPinned: active.some((p) => p.productId === productId),
      activePins: active.length,
    });
    if (!decision.ok) throw pinRefused(productId, decision.refusal, decision.reason);
    const pin = await tx
      .insertInto('livePins')
      .values({
        sessionId,
        productId,
        commissionBp: decision.commissionBp,
        pinnedBy: principal.userId,
        pinnedAt: clock.now(),
      })
      .returning(['commissionBp', 'pinnedAt'])
      .executeTakeFirstOrThrow();
    await publishLiveChange(tx, { sessionId, kind: 'pins' });
    return {
      productId,
      title: product!.title,
      imageUrl: product!.imageUrl,
      minPriceFen: product!.minPriceFen,
      originalPriceFen: product!.originalPriceFen,
      totalStock: product!.totalStock,
      commissionBp: pin.commissionBp,
      productState: product!.state,
      pinnedAt: pin.pinnedAt,
    };
  });
}

/** Take a product off the session's cart; the pin row stays as history with its unpin time. */
export async function unpinProduct(
  db: Executor,
  clock: Clock,
  principal: Principal,
  sessionId: number,
  productId: number,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const session = await loadHostedSession(tx, principal, sessionId);
    if (!PINNABLE_STATES.includes(session.state)) {
      throw wrongState(sessionId, session.state, 'unpinning', PINNABLE_STATES);
    }
    const result = await tx
      .updateTable('livePins')
      .set({ unpinnedAt: clock.now() })
      .where('sessionId', '=', sessionId)
      .where('productId', '=', productId)
      .where('unpinnedAt', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError('not_found', `productId ${productId} is not pinned in live session ${sessionId}`, {
        productId,
        fields: [{ field: 'productId', reason: 'not pinned in this session' }],
      });
    }
    await publishLiveChange(tx, { sessionId, kind: 'pins' });
    await unfeatureIfFeatured(tx, sessionId, productId);
  });
}
