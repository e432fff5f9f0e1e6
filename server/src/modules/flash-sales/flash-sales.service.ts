import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { getSkuStocks, skuSaleFacts } from '../catalog/index.ts';
import { livePinsForSessions, sessionFactsForShare } from '../live/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { effectiveStart, flashSaleProblems } from './flash-sale.rule.ts';
import { type FlashSaleView, flashSaleViews } from './flash-sales.read.ts';
import { insertFlashSale, lockFlashSale, moveFlashSale } from './flash-sales.store.ts';

export interface FlashSaleInput {
  skuId: number;
  priceFen: number;
  stockCap: number;
  perBuyerLimit: number;
  startsAt: Date;
  endsAt: Date;
}

/** A merchant sets up a flash sale on one of the shop's SKUs (秒杀 screen). */
export async function createShopFlashSale(
  db: Executor,
  clock: Clock,
  principal: Principal,
  shopId: number,
  input: FlashSaleInput,
): Promise<FlashSaleView> {
  const row = await db.transaction().execute(async (tx) => {
    await requireShopMember(tx, principal, shopId);
    return createFlashSale(tx, clock.now(), principal, shopId, null, input);
  });
  return (await flashSaleViews(db, [row]))[0]!;
}

/**
 * 上架秒杀: the host (or the shop's staff) offers a flash sale on a product pinned in the shop's room
 * while it is live; it starts now unless a later start is given.
 */
export async function createLiveFlashSale(
  db: Executor,
  clock: Clock,
  principal: Principal,
  sessionId: number,
  input: Omit<FlashSaleInput, 'startsAt' | 'endsAt'> & { durationSeconds: number; startsAt?: Date },
): Promise<FlashSaleView> {
  const row = await db.transaction().execute(async (tx) => {
    // A share lock: the room cannot end before this sale and its announcement commit.
    const session = await sessionFactsForShare(tx, sessionId);
    if (!session) throw notFound('live session', sessionId);
    if (session.hostUserId !== principal.userId) {
      if (session.shopId === null) throw notFound('live session', sessionId);
      try {
        await requireShopMember(tx, principal, session.shopId);
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') throw notFound('live session', sessionId);
        throw err;
      }
    }
    if (session.state !== 'live') {
      throw new AppError(
        'invalid_transition',
        `live session ${sessionId} is ${session.state}; a flash sale is offered while it is live`,
        { state: session.state, allowed: ['live'] },
        { key: 'live_wrong_state', params: { state: session.state } },
      );
    }
    const now = clock.now();
    const startsAt = input.startsAt ?? now;
    const endsAt = new Date(effectiveStart(startsAt, now).getTime() + input.durationSeconds * 1000);
    const facts = (await skuSaleFacts(tx, [input.skuId])).get(input.skuId);
    const pins = (await livePinsForSessions(tx, [sessionId])).get(sessionId)?.pins;
    if (facts && !pins?.has(facts.productId)) {
      throw invalidField('skuId', 'its product is not pinned in this live session');
    }
    if (facts && (session.shopId === null || facts.shopId !== session.shopId)) {
      throw invalidField('skuId', "only the hosting shop's own products get flash sales in its room");
    }
    return createFlashSale(tx, now, principal, session.shopId ?? 0, sessionId, {
      ...input,
      startsAt,
      endsAt,
    });
  });
  return (await flashSaleViews(db, [row]))[0]!;
}

async function createFlashSale(
  tx: Tx,
  now: Date,
  principal: Principal,
  shopId: number,
  liveSessionId: number | null,
  input: FlashSaleInput,
) {
  const facts = (await skuSaleFacts(tx, [input.skuId])).get(input.skuId);
  if (!facts || facts.shopId !== shopId) throw invalidField('skuId', 'no such SKU in this shop');
  if (facts.productState !== 'listed') throw invalidField('skuId', 'its product is not listed');
  const stock = (await getSkuStocks(tx, [facts.productId])).find((s) => s.skuId === input.skuId)?.stock ?? 0;
  const problems = flashSaleProblems(input, { priceFen: facts.priceFen, stock }, now);
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
      fields: problems,
    });
  }
  return insertFlashSale(
    tx,
    {
      shopId,
      productId: facts.productId,
      skuId: input.skuId,
      liveSessionId,
      priceFen: input.priceFen,
      stockCap: input.stockCap,
      perBuyerLimit: input.perBuyerLimit,
      startsAt: effectiveStart(input.startsAt, now),
      endsAt: input.endsAt,
      createdBy: principal.userId,
    },
    now,
  );
}

/** The merchant stops a scheduled or running sale; units already sold stay sold. */
export async function cancelFlashSale(
  db: Executor,
  clock: Clock,
  principal: Principal,
  shopId: number,
  id: number,
): Promise<FlashSaleView> {
  const row = await db.transaction().execute(async (tx) => {
    await requireShopMember(tx, principal, shopId);
    const sale = await lockFlashSale(tx, id);
    if (!sale || sale.shopId !== shopId) throw notFound('flash sale', id);
    if (sale.state !== 'scheduled' && sale.state !== 'running') {
      throw new AppError(
        'invalid_transition',
        `flash sale ${id} is ${sale.state}; only a scheduled or running sale can be cancelled`,
        { state: sale.state, allowed: ['scheduled', 'running'] },
        { key: 'flash_sale_closed', params: { state: sale.state } },
      );
    }
    return moveFlashSale(tx, sale, 'cancelled', clock.now());
  });
  return (await flashSaleViews(db, [row]))[0]!;
}
