import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildOps,
  buildShop,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';
import { activatePolicy, createDraft } from '../risk/index.ts';

// The order placement checkpoint of the trust engine (product rules §6, velocity abuse) inside checkout.

let ctx: TestContext;
let skuId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-12-01T10:00:00Z');
  const shop = await buildShop(ctx);
  const product = await buildListedProduct(ctx, shop.shopId, { skus: [{ priceFen: 1_000, stock: 1_000 }] });
  skuId = product.skuIds[0]!;
});

let keySeq = 0;
const checkout = (buyer: TestUser, headers: Record<string, string> = {}) =>
  api(ctx.app, buyer.token).post(
    '/api/v1/checkout',
    { items: [{ skuId, quantity: 1 }] },
    { 'idempotency-key': `placement-${++keySeq}`, ...headers },
  );
const decisionsOf = (buyer: TestUser) =>
  ctx.db
    .selectFrom('trustDecisions')
    .select(['outcome', 'fired', 'inputs'])
    .where('checkpoint', '=', 'order_placement')
    .where('subjectType', '=', 'user')
    .where('subjectId', '=', buyer.id)
    .where('shadow', '=', false)
    .orderBy('id')
    .execute();

describe('order placement checkpoint', () => {
  it('default policy: a buyer over 10 orders in an hour still buys, and a review case is opened', async () => {
    const buyer = await buildBuyer(ctx);
    for (let n = 0; n < 11; n++)
      expect((await checkout(buyer, { 'x-device-id': 'phone-a' })).status).toBe(201);
    const twelfth = await checkout(buyer, { 'x-device-id': 'phone-a' });
    expect(twelfth.status).toBe(201);

    const decisions = await decisionsOf(buyer);
    expect(decisions.map((d) => d.outcome)).toEqual([...Array(11).fill('allow'), 'review']);
    const last = decisions.at(-1)!;
    // (jsonb keys come back through the CamelCasePlugin: buyer.orders_1h reads buyer.orders1h)
    expect(last.inputs).toMatchObject({ 'buyer.orders1h': 11, 'device.orders1h': 11, amountFen: 1_000 });
    expect(last.fired).toMatchObject([{ id: 'buyer-velocity' }]);
    const cases = await ctx.db
      .selectFrom('trustCases')
      .select(['checkpoint', 'state'])
      .where('subjectType', '=', 'user')
      .where('subjectId', '=', buyer.id)
      .execute();
    expect(cases).toEqual([{ checkpoint: 'order_placement', state: 'open' }]);
  });

  it('a blocking policy refuses the buyer over the limit with the reason; others in the same batch buy', async () => {
    const admin = await buildOps(ctx, ['rule_admin']);
    const draft = await createDraft(ctx.db, {
      checkpoint: 'order_placement',
      rules: [
        {
          id: 'buyer-burst',
          description: 'More than 4 orders in an hour',
          when: { feature: 'buyer.orders_1h', op: '>', value: 4 },
          outcome: 'block',
          reason: { zh: '下单过于频繁', en: 'Too many orders in an hour' },
        },
      ],
      userId: admin.id,
      now: ctx.clock.now(),
    });
    await activatePolicy(ctx.db, { policyId: draft.id, now: ctx.clock.now() });

    const abuser = await buildBuyer(ctx);
    const others = await Promise.all([buildBuyer(ctx), buildBuyer(ctx), buildBuyer(ctx)]);
    for (let n = 0; n < 3; n++) expect((await checkout(abuser)).status).toBe(201);
    // 5 more at once with the other buyers': whatever the batches, 2 more pass, 3 are refused
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => checkout(abuser)),
      ...others.map((o) => checkout(o)),
    ]);
    const mine = answers.slice(0, 5);
    expect(mine.filter((a) => a.status === 201)).toHaveLength(2);
    const refused = mine.filter((a) => a.status !== 201);
    expect(refused.map((a) => a.status)).toEqual([403, 403, 403]);
    expect(refused[0]!.body.error).toMatchObject({
      code: 'order_blocked',
      details: { reasons: [{ zh: '下单过于频繁', en: 'Too many orders in an hour' }] },
    });
    expect(refused[0]!.body.error.message).toContain('下单过于频繁');
    expect(answers.slice(5).map((a) => a.status)).toEqual([201, 201, 201]);

    const orders = await ctx.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('buyerId', '=', abuser.id)
      .executeTakeFirstOrThrow();
    expect(Number(orders.n)).toBe(5);
    const decisions = await decisionsOf(abuser);
    expect(decisions.map((d) => d.outcome).sort()).toEqual([
      ...Array(5).fill('allow'),
      ...Array(3).fill('block'),
    ]);

    // an hour and more later the window has moved on
    ctx.clock.advance(2 * HOUR);
    expect((await checkout(abuser)).status).toBe(201);
  });
});
