import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import type { Tx } from '../../platform/db.ts';
import { checkLedger } from '../ledger/index.ts';
import { lockShopStatus } from './index.ts';
import { settleOrder } from './settle-order.service.ts';
import { freezeShopSettlement, settleFrozenSettlement, unfreezeShopSettlement } from './settlement.store.ts';
import { buildDepositShop, settlementRig } from './settlement.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof settlementRig>;
beforeAll(async () => {
  ctx = await createTestContext();
  rig = settlementRig(ctx);
});
afterEach(async () => {
  expect((await checkLedger(ctx.db)).ok).toBe(true);
});

const inTx = <T>(fn: (tx: Tx) => Promise<T>) => ctx.db.transaction().execute(fn);
const shopStatus = (shopId: number) =>
  ctx.db
    .selectFrom('shopSettlementStatus')
    .selectAll()
    .where('shopId', '=', shopId)
    .executeTakeFirstOrThrow();
const settlementEntries = (orderId: number) =>
  ctx.db.selectFrom('ledgerEntries').select('id').where('idempotencyKey', '=', `settle:${orderId}`).execute();

describe('settlements move only through their machine', () => {
  it('refuses to settle an order already settled a second time: 409, the settlement and ledger unchanged', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 0, zeroDepositEligible: false });
    const order = await rig.completedOrder(shop);
    await rig.passWindow();
    const settled = await rig.settlementOf(order.orderId);
    expect(settled).toMatchObject({ state: 'settled' });

    // A releaser working from a stale read of "frozen" finds the row settled: the update matches nothing.
    await expect(
      inTx((tx) => settleFrozenSettlement(tx, order.orderId, { merchantFen: 1 }, { hold: null })),
    ).rejects.toMatchObject({ code: 'conflict', status: 409 });
    // The real service leaves a settled order alone.
    const again = await inTx((tx) => settleOrder(tx, order.orderId, ctx.clock.now(), ctx.settings));
    expect(again).toEqual({ status: 'settled', settlementId: settled!.id });
    expect(await rig.settlementOf(order.orderId)).toEqual(settled);
    expect(await settlementEntries(order.orderId)).toHaveLength(1);
  });
});

describe('a shop settlement status moves only through its machine', () => {
  it('refuses to unfreeze an open shop or freeze one with no top-up due: 409, nothing changed', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 0, zeroDepositEligible: false });
    const now = ctx.clock.now();
    await inTx((tx) => lockShopStatus(tx, shop.shopId, now));
    const before = await shopStatus(shop.shopId);
    expect(before).toMatchObject({ state: 'open', topUpDueAt: null });

    await expect(
      inTx((tx) =>
        unfreezeShopSettlement(tx, shop.shopId, { depositFen: 0, owedFen: 0, topUpDueAt: null, now }),
      ),
    ).rejects.toMatchObject({ code: 'conflict', status: 409 });
    await expect(
      inTx((tx) =>
        freezeShopSettlement(tx, shop.shopId, 'deposit_not_topped_up', {
          depositFen: 0,
          owedFen: 10_000,
          topUpDueAt: null,
          now,
        }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_transition', status: 409 });
    expect(await shopStatus(shop.shopId)).toEqual(before);
  });
});
