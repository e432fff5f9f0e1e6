import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCategory,
  buildListedProduct,
  buildOps,
  buildPaidOrder,
  buildShop,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY } from '../../platform/clock.ts';
import { scheduleScoreRecompute } from '../reputation/index.ts';
import { refreshStanding, trustBadgeSql, trustBadges } from './index.ts';

const V = '/api/v1';
let ctx: TestContext;
let reviewer: TestUser;
let admin: TestUser;
// A category whose products carry both trust guarantees by default, deposit ¥5,000.
let trusted: number;

beforeAll(async () => {
  ctx = await createTestContext();
  reviewer = await buildOps(ctx, ['reviewer']);
  admin = await buildOps(ctx, ['rule_admin']);
  trusted = (
    await buildCategory(ctx, {
      defaultGuarantees: ['no_reason_7d', 'freight_insurance'],
      depositFen: 500_000,
    })
  ).id;
});

const now = () => ctx.clock.now();
const refresh = (shopIds?: number[]) =>
  ctx.db.transaction().execute((tx) => refreshStanding(tx, now(), shopIds));

/** The experience score as reputation stores it (the score's own tests compute it from orders). */
async function setScore(shopId: number, score: number | null) {
  const band =
    score === null ? 'not_enough_orders' : score >= 4.7 ? 'excellent' : score >= 4.5 ? 'good' : 'fair';
  await sql`
    insert into shop_reputation (shop_id, day, score, band, completed_orders, quality_refund_rate_bp, inputs,
                                 metrics, dims, drags, config_version, computed_at)
    values (${shopId}, current_date, ${score}, ${band}, 40, 0, '{}', '[]', '[]', '[]', 1, ${now()})
    on conflict (shop_id) do update set score = excluded.score, band = excluded.band`.execute(ctx.db);
}

async function trustedShop(score: number | null, state: 'active' | 'probation' = 'active') {
  const shop = await buildShop(ctx, { categoryId: trusted, state });
  await buildListedProduct(ctx, shop.shopId);
  await buildListedProduct(ctx, shop.shopId);
  await setScore(shop.shopId, score);
  return shop;
}

const standing = async (shop: { shopId: number; owner: TestUser }) => {
  const res = await api(ctx.app, shop.owner.token).get(`${V}/shops/${shop.shopId}/standing`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

async function seriousViolation(shopId: number) {
  const res = await api(ctx.app, reviewer.token).post(`${V}/ops/violations`, {
    shopId,
    code: 'off_platform_trade',
    // below the first restriction milestone: the shop stays active
    points: 4,
    subject: { type: 'shop', id: null },
    evidence: { text: '引导买家站外交易' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

describe('trust badge (信任购)', () => {
  it('is granted to a shop meeting every condition, and ranking sees it', async () => {
    const shop = await trustedShop(4.62);
    const result = await refresh([shop.shopId]);
    expect(result.granted).toContain(shop.shopId);

    const view = await standing(shop);
    expect(view.badge.held).toBe(true);
    expect(view.badge.conditions).toEqual([
      { condition: 'score', met: true, value: 4.62, required: 4.5 },
      { condition: 'guarantees', met: true, value: 2, required: 2 },
      { condition: 'violations', met: true, value: 0, required: 0 },
      { condition: 'shop_state', met: true, value: null, required: null },
    ]);
    expect(view.badge.history.map((e: { kind: string }) => e.kind)).toEqual(['granted']);
    expect((await trustBadges(ctx.db, [shop.shopId])).get(shop.shopId)).toBe(true);
    const ranked = await sql<{ badged: boolean }>`
      select ${trustBadgeSql(sql.ref('s.id'))} as badged from shops s where s.id = ${shop.shopId}`.execute(
      ctx.db,
    );
    expect(ranked.rows[0]!.badged).toBe(true);

    // a second refresh changes nothing and records nothing
    const again = await refresh([shop.shopId]);
    expect(again.granted).not.toContain(shop.shopId);
    expect((await standing(shop)).badge.history).toHaveLength(1);
  });

  it('is revoked after a serious violation, and the merchant reads why', async () => {
    const shop = await trustedShop(4.8);
    await refresh([shop.shopId]);
    await seriousViolation(shop.shopId);
    ctx.clock.advance(DAY);
    expect((await refresh([shop.shopId])).revoked).toContain(shop.shopId);

    const view = await standing(shop);
    expect(view.badge.held).toBe(false);
    expect(view.badge.lastRevocation).toMatchObject({
      kind: 'revoked',
      failedConditions: ['violations'],
      seriousViolations: 1,
      score: 4.8,
    });
    expect(view.badge.conditions.find((c: { condition: string }) => c.condition === 'violations')).toEqual({
      condition: 'violations',
      met: false,
      value: 1,
      required: 0,
    });
    expect(view.badge.history.map((e: { kind: string }) => e.kind)).toEqual(['revoked', 'granted']);
    expect((await trustBadges(ctx.db, [shop.shopId])).get(shop.shopId)).toBe(false);

    // ops see it in the list of revoked badges and in the history
    const list = await api(ctx.app, reviewer.token).get(`${V}/ops/trust-badges?state=revoked`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((b: { shopId: number }) => b.shopId)).toContain(shop.shopId);
    const events = await api(ctx.app, reviewer.token).get(
      `${V}/ops/trust-badges/events?shopId=${shop.shopId}`,
    );
    expect(events.body.items.map((e: { kind: string }) => e.kind)).toEqual(['revoked', 'granted']);
  });

  it('is not granted while a listed product lacks a guarantee, and names the product', async () => {
    const shop = await trustedShop(4.9);
    const bare = await buildCategory(ctx, { defaultGuarantees: [] });
    const product = await buildListedProduct(ctx, shop.shopId, {
      categoryId: bare.id,
      title: '没有保障的商品',
    });
    expect((await refresh([shop.shopId])).granted).not.toContain(shop.shopId);
    const view = await standing(shop);
    expect(view.badge.held).toBe(false);
    expect(view.badge.eligibleNow).toBe(false);
    expect(view.badge.conditions[1]).toEqual({ condition: 'guarantees', met: false, value: 2, required: 3 });
    expect(view.badge.uncoveredProducts).toEqual([
      {
        productId: product.productId,
        title: '没有保障的商品',
        missing: ['no_reason_7d', 'freight_insurance'],
      },
    ]);
    // the merchant opts the product in: granted at the next refresh
    await ctx.db
      .updateTable('products')
      .set({ guarantees: ['no_reason_7d', 'freight_insurance'] })
      .where('id', '=', product.productId)
      .execute();
    expect((await refresh([shop.shopId])).granted).toContain(shop.shopId);
  });

  it('a shop without a score yet, or below the minimum, has none', async () => {
    const unscored = await trustedShop(null);
    const fair = await trustedShop(4.3);
    const result = await refresh([unscored.shopId, fair.shopId]);
    expect(result.granted).toEqual([]);
    const view = await standing(unscored);
    expect(view.score).toBeNull();
    expect(view.badge.conditions[0]).toEqual({ condition: 'score', met: false, value: null, required: 4.5 });
  });
});

describe('probation (新手期) exit', () => {
  const opened = (shopId: number, daysAgo: number) =>
    sql`update shops set created_at = ${new Date(now().getTime() - daysAgo * DAY)} where id = ${shopId}`.execute(
      ctx.db,
    );

  it('ends after 90 days without a serious violation, through the shop machine with a reason', async () => {
    const shop = await trustedShop(null, 'probation');
    await opened(shop.shopId, 40);
    let view = await standing(shop);
    expect(view.probation).toMatchObject({
      inProbation: true,
      daysOpen: 40,
      daysRequired: 90,
      verdict: 'stays',
    });
    expect((await refresh([])).graduated).not.toContain(shop.shopId);

    await opened(shop.shopId, 91);
    // every shop in probation is looked at, also one no recompute names
    expect((await refresh([])).graduated).toContain(shop.shopId);
    view = await standing(shop);
    expect(view.shopState).toBe('active');
    expect(view.probation.inProbation).toBe(false);
    const event = await ctx.db
      .selectFrom('shopEvents')
      .select(['fromState', 'toState', 'reason', 'actorId'])
      .where('shopId', '=', shop.shopId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ fromState: 'probation', toState: 'active', actorId: null });
    expect(event.reason).toContain('新手期满91天');
  });

  it('ends at the configured number of completed orders', async () => {
    const changed = await api(ctx.app, admin.token).post(`${V}/ops/configuration`, {
      changes: { standing: { probationExit: { completedOrders: 2 } } },
      note: '测试：新手期 2 单',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    try {
      const shop = await trustedShop(null, 'probation');
      await opened(shop.shopId, 10);
      for (let i = 0; i < 2; i += 1) {
        const order = await buildPaidOrder(ctx, { shopId: shop.shopId });
        await ctx.db
          .updateTable('orders')
          .set({ state: 'completed', completedAt: now() })
          .where('id', '=', order.orderId)
          .execute();
      }
      const view = await standing(shop);
      expect(view.probation).toMatchObject({ completedOrders: 2, ordersRequired: 2, verdict: 'exit' });
      expect((await refresh([shop.shopId])).graduated).toEqual([shop.shopId]);
    } finally {
      await api(ctx.app, admin.token).post(`${V}/ops/configuration`, {
        changes: { standing: { probationExit: { completedOrders: 30 } } },
        note: '测试结束：恢复 30 单',
      });
    }
  });

  it('runs in the daily job: the score recompute deadline refreshes standing in its transaction', async () => {
    const shop = await trustedShop(null, 'probation');
    await opened(shop.shopId, 95);
    await ctx.db.transaction().execute((tx) => scheduleScoreRecompute(tx, now()));
    await ctx.deadlines.runDue();
    expect((await standing(shop)).shopState).toBe('active');
  });

  it('is held back by a serious violation', async () => {
    const shop = await trustedShop(null, 'probation');
    await opened(shop.shopId, 100);
    await seriousViolation(shop.shopId);
    expect((await refresh([shop.shopId])).graduated).toEqual([]);
    const view = await standing(shop);
    expect(view.shopState).toBe('probation');
    expect(view.probation.verdict).toBe('held_by_violation');
    expect(view.probation.seriousViolations).toBe(1);
  });
});

describe('deposit discount', () => {
  it('halves the required deposit of a shop scoring 4.7 or more, in the balances too', async () => {
    const shop = await trustedShop(4.75);
    const view = await standing(shop);
    expect(view.deposit).toEqual({
      baseRequiredFen: 500_000,
      discountBp: 5_000,
      requiredFen: 250_000,
      minScore: 4.7,
      offeredBp: 5_000,
      verdict: 'discount',
    });
    const balances = await api(ctx.app, shop.owner.token).get(`${V}/shops/${shop.shopId}/balances`);
    expect(balances.status).toBe(200);
    expect(balances.body.requiredDepositFen).toBe(250_000);
  });

  it('gives none below 4.7 or without a score', async () => {
    for (const score of [4.69, null]) {
      const shop = await trustedShop(score);
      const view = await standing(shop);
      expect(view.deposit).toMatchObject({
        baseRequiredFen: 500_000,
        discountBp: 0,
        requiredFen: 500_000,
        verdict: score === null ? 'not_enough_orders' : 'score_below',
      });
    }
  });
});

describe('campaign eligibility', () => {
  it('shows the tiers the shop qualifies for and why not the others', async () => {
    const shop = await trustedShop(4.6);
    await refresh([shop.shopId]);
    const view = await standing(shop);
    expect(
      view.campaigns.map((c: { tier: string; eligible: boolean; shortfalls: string[] }) => [
        c.tier,
        c.eligible,
        c.shortfalls,
      ]),
    ).toEqual([
      ['daily', true, []],
      ['major_sale', true, []],
      ['trust_day', false, ['score_below']],
    ]);
  });
});

describe('tenancy', () => {
  it('another merchant gets 404', async () => {
    const shop = await trustedShop(4.6);
    const other = await buildShop(ctx);
    const res = await api(ctx.app, other.owner.token).get(`${V}/shops/${shop.shopId}/standing`);
    expect(res.status).toBe(404);
  });
});
