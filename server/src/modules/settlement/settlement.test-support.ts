import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import {
  buildCategory,
  buildPaidOrder,
  buildShop,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { api, type TestContext } from '../../../test/harness.ts';
import { MINUTE } from '../../platform/clock.ts';
import { accounts, balances } from '../ledger/index.ts';

const V = '/api/v1';
let keySeq = 0;
/** An Idempotency-Key no other request of the run uses. */
export const idemKey = () => `settle-test-${process.pid}-${++keySeq}-${randomBytes(3).toString('hex')}`;

/** A shop whose categories ask `depositFen` and allow 0元开店 or not; the owner signed in. */
export async function buildDepositShop(
  ctx: TestContext,
  opts: { depositFen: number; zeroDepositEligible: boolean; commissionBp?: number },
): Promise<{ shopId: number; owner: TestUser; categoryId: number }> {
  const { id: categoryId } = await buildCategory(ctx, {
    depositFen: opts.depositFen,
    commissionBp: opts.commissionBp ?? 500,
  });
  await ctx.db
    .updateTable('categories')
    .set({ zeroDepositEligible: opts.zeroDepositEligible })
    .where('id', '=', categoryId)
    .execute();
  const { shopId, owner } = await buildShop(ctx, { categoryId });
  return { shopId, owner, categoryId };
}

/** The settlement test rig: a deadline runner over the real handler map and HTTP shorthands. */
export function settlementRig(ctx: TestContext) {
  const runner = ctx.deadlines;
  const as = (user: TestUser) => api(ctx.app, user.token);

  /** A paid order shipped by the owner and confirmed by the buyer through the API: completed now. */
  async function completedOrder(
    shop: { shopId: number; owner: TestUser },
    opts: { skuId?: number; quantity?: number; liveSessionId?: number } = {},
  ) {
    const order = await buildPaidOrder(ctx, { shopId: shop.shopId, ...opts });
    const shipped = await as(shop.owner).post(`${V}/shops/${shop.shopId}/orders/${order.orderId}/shipment`, {
      carrier: 'sandbox',
      trackingNumber: `ST${randomBytes(6).toString('hex').toUpperCase()}`,
    });
    expect(shipped.status).toBe(201);
    expect((await as(order.buyer).post(`${V}/orders/${order.orderId}/confirm-receipt`)).status).toBe(200);
    return order;
  }

  return {
    runner,
    as,
    completedOrder,
    /** Moves the clock past the after-sales window and fires what is due. */
    async passWindow() {
      ctx.clock.advance(ctx.settings.settlementDelayMs + MINUTE);
      return runner.runDue();
    },
    async balancesOf(user: TestUser, shopId: number) {
      const res = await as(user).get(`${V}/shops/${shopId}/balances`);
      expect(res.status).toBe(200);
      return res.body;
    },
    payDeposit: (user: TestUser, shopId: number, amountFen: number, key = idemKey()) =>
      as(user).post(`${V}/shops/${shopId}/deposit/payments`, { amountFen }, { 'idempotency-key': key }),
    withdraw: (user: TestUser, shopId: number, amountFen: number, key = idemKey()) =>
      as(user).post(`${V}/shops/${shopId}/withdrawals`, { amountFen }, { 'idempotency-key': key }),
    withdrawDeposit: (user: TestUser, shopId: number, amountFen: number, key = idemKey()) =>
      as(user).post(`${V}/shops/${shopId}/deposit/withdrawals`, { amountFen }, { 'idempotency-key': key }),
    /** Platform-wide balances, to compare before and after. */
    platform: () =>
      balances(ctx.db, [
        accounts.escrow,
        accounts.platformCommissionRevenue,
        accounts.payoutProvider,
        accounts.compensationPayable,
      ]),
    settlementOf: (orderId: number) =>
      ctx.db.selectFrom('settlements').selectAll().where('orderId', '=', orderId).executeTakeFirst(),
    buildCreator: () => buildUser(ctx, 'creator'),
  };
}
