import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildPaidOrder,
  buildShop,
  type TestUser,
} from '../../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { DAY } from '../../../platform/clock.ts';
import { currentPolicy } from '../../configuration/index.ts';
import { setOpsBuyerLabel } from '../../risk/index.ts';
import type { Party, RequestState, RequestType } from '../aftersales.tables.ts';
import { shopRequestFacts } from './index.ts';

let ctx: TestContext;
const H = 3_600_000;

beforeAll(async () => {
  ctx = await createTestContext();
  await currentPolicy(ctx.db);
});

const at = (daysFromNow: number) => new Date(ctx.clock.now().getTime() + daysFromNow * DAY);

/** A finished request row on the order's line, with the events that say when the merchant answered and when it was refunded. */
async function request(
  orderId: number,
  input: {
    type?: RequestType;
    reason: string;
    at: Date;
    state?: RequestState;
    answeredAfterMs?: { by: Party; ms: number };
    refundedAfterMs?: number;
  },
): Promise<number> {
  const order = await ctx.db
    .selectFrom('orders as o')
    .innerJoin('orderLines as l', 'l.orderId', 'o.id')
    .select(['o.buyerId', 'o.shopId', 'l.id as lineId', 'l.lineFen'])
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
  const { id } = await ctx.db
    .insertInto('aftersalesRequests')
    .values({
      orderId,
      orderLineId: order.lineId,
      buyerId: order.buyerId,
      shopId: order.shopId,
      type: input.type ?? 'refund_only',
      reason: input.reason,
      description: null,
      guaranteeCode: null,
      quantity: 1,
      requestedFen: order.lineFen,
      approvedFen: order.lineFen,
      state: input.state ?? 'refunded',
      deadlineAt: null,
      deadlineAction: null,
      attempt: 1,
      autoRule: null,
      configVersion: 1,
      createdAt: input.at,
      updatedAt: input.at,
      closedAt: input.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const event = (actorKind: Party, toState: RequestState, ms: number) => ({
    requestId: id,
    fromState: 'pending_merchant' as const,
    toState,
    actorKind,
    actorId: null,
    rule: null,
    inputs: null,
    configVersion: null,
    explanationZh: '测试',
    explanationEn: 'test',
    at: new Date(input.at.getTime() + ms),
  });
  if (input.answeredAfterMs)
    await ctx.db
      .insertInto('aftersalesEvents')
      .values(event(input.answeredAfterMs.by, 'rejected', input.answeredAfterMs.ms))
      .execute();
  if (input.refundedAfterMs !== undefined)
    await ctx.db
      .insertInto('aftersalesEvents')
      .values(event('system', 'refunded', input.refundedAfterMs))
      .execute();
  return id;
}

describe('shopRequestFacts: the merchant-metric scope', () => {
  let shopId: number;
  let quietShopId: number;
  let abuser: TestUser;

  beforeAll(async () => {
    const shop = await buildShop(ctx);
    shopId = shop.shopId;
    quietShopId = (await buildShop(ctx)).shopId;
    const { skuIds, productId } = await buildListedProduct(ctx, shopId, {
      skus: [{ priceFen: 5_000, stock: 1_000 }],
    });
    const sku = skuIds[0]!;
    const buyer = await buildBuyer(ctx);
    abuser = await buildBuyer(ctx);
    const order = async (who: TestUser) => (await buildPaidOrder(ctx, { skuId: sku, buyer: who })).orderId;

    // Counted: a quality refund answered in 2 h, refunded after 3 h; a logistics complaint answered after 6 h.
    await request(await order(buyer), {
      reason: 'quality_issue',
      at: at(-3),
      answeredAfterMs: { by: 'merchant', ms: 2 * H },
      refundedAfterMs: 3 * H,
    });
    await request(await order(buyer), {
      reason: 'not_received',
      at: at(-2),
      state: 'closed',
      answeredAfterMs: { by: 'merchant', ms: 6 * H },
    });
    // The abuser's quality claims leave every figure, whenever they were opened.
    for (const day of [-5, -4, -1])
      await request(await order(abuser), {
        reason: 'quality_issue',
        at: at(day),
        answeredAfterMs: { by: 'merchant', ms: 100 * H },
        refundedAfterMs: 100 * H,
      });
    await setOpsBuyerLabel(ctx.db, {
      buyerId: abuser.id,
      label: 'high_refund',
      inputs: { reason: 'test' },
      now: ctx.clock.now(),
    });
    // A no-quality return of a product flagged for freight abuse.
    await request(await order(buyer), { type: 'return_refund', reason: 'dont_like', at: at(-1) });
    await ctx.db
      .insertInto('freightAbuseProducts')
      .values({ productId, inputs: {}, detectedAt: ctx.clock.now() })
      .execute();
    // An arbitration decided for the buyer on a counted request.
    const disputed = await request(await order(buyer), {
      reason: 'damaged',
      at: at(-2),
      state: 'refunded',
      answeredAfterMs: { by: 'merchant', ms: 4 * H },
    });
    await ctx.db
      .insertInto('arbitrations')
      .values({
        requestId: disputed,
        state: 'decided',
        openedBy: 'buyer',
        evidenceDueAt: at(-1),
        outcome: 'full',
        awardedFen: 5_000,
        createdAt: at(-2),
        decidedAt: at(-1),
      })
      .execute();
    // Outside the window: not counted.
    await request(await order(buyer), { reason: 'quality_issue', at: at(-40) });
  });

  it('counts what the merchant answers for and leaves out high-refund buyers and freight-abuse returns', async () => {
    const [facts, quiet] = await shopRequestFacts(ctx.db, at(-30), ctx.clock.now(), [shopId, quietShopId]);
    expect(facts).toEqual({
      shopId,
      qualityRefunds: 2, // quality_issue, damaged (both quality reasons for 品退率)
      logisticsComplaints: 2, // not_received, damaged
      qualityComplaints: 1,
      excludedHighRefund: 3,
      excludedFreightAbuse: 1,
      medianMerchantResponseMs: 4 * H, // 2 h, 4 h, 6 h: the abuser's 100 h answers do not count
      medianRefundMs: 3 * H,
      arbitrations: 1,
      arbitrationsLost: 1,
    });
    expect(quiet).toMatchObject({ shopId: quietShopId, qualityRefunds: 0, medianRefundMs: null });
  });

  it('gives the requests back when the label is cleared', async () => {
    await ctx.db.deleteFrom('buyerLabels').where('buyerId', '=', abuser.id).execute();
    const [facts] = await shopRequestFacts(ctx.db, at(-30), ctx.clock.now(), [shopId]);
    expect(facts).toMatchObject({ qualityRefunds: 5, excludedHighRefund: 0, qualityComplaints: 4 });
    await setOpsBuyerLabel(ctx.db, {
      buyerId: abuser.id,
      label: 'high_refund',
      inputs: { reason: 'test' },
      now: ctx.clock.now(),
    });
  });

  it('without shop ids answers every shop with anything in the window', async () => {
    const all = await shopRequestFacts(ctx.db, at(-30), ctx.clock.now());
    expect(all.find((f) => f.shopId === shopId)?.excludedHighRefund).toBe(3);
    expect(all.some((f) => f.shopId === quietShopId)).toBe(false);
  });
});
