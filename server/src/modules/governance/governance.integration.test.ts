import { randomBytes } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCategory,
  buildListedProduct,
  buildLiveSession,
  buildOps,
  buildShop,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import { issueToken } from '../identity/index.ts';
import { accounts, balanceOf, entriesFor } from '../ledger/index.ts';
import { isBlacklisted as isBlacklistedIdentifier } from '../risk/index.ts';
import { settlementRig } from '../settlement/settlement.test-support.ts';
import { emergencyStop } from './emergency-stop.service.ts';

const V = '/api/v1';
const DEPOSIT_FEN = 1_000_000;

let ctx: TestContext;
let reviewer: TestUser;
let arbiter: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
});

// Tests move the clock by days and years: fresh ops sign-ins keep their tokens valid.
beforeEach(async () => {
  reviewer = await buildOps(ctx, ['reviewer']);
  arbiter = await buildOps(ctx, ['arbiter']);
});

const as = (user: TestUser) => api(ctx.app, user.token);
const idemKey = () => `gov-${randomBytes(6).toString('hex')}`;

/** A shop with a ¥10,000 deposit paid (deposit requirement ¥5,000) and one listed product. */
async function shopWithDeposit() {
  const { id: categoryId } = await buildCategory(ctx, { depositFen: 500_000 });
  const shop = await buildShop(ctx, { categoryId });
  const paid = await as(shop.owner).post(
    `${V}/shops/${shop.shopId}/deposit/payments`,
    { amountFen: DEPOSIT_FEN },
    { 'idempotency-key': idemKey() },
  );
  expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  const { productId } = await buildListedProduct(ctx, shop.shopId);
  return { ...shop, productId };
}

async function record(body: Record<string, unknown>, by: TestUser = reviewer) {
  const res = await as(by).post(`${V}/ops/violations`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const onProduct = (shopId: number, productId: number, code: string) => ({
  shopId,
  code,
  subject: { type: 'product', id: productId },
  evidence: { text: `${code}: 证据 evidence` },
});
const onShop = (shopId: number, code: string, points?: number) => ({
  shopId,
  code,
  ...(points !== undefined ? { points } : {}),
  subject: { type: 'shop', id: null },
  evidence: { text: `${code}: 证据 evidence` },
});

const depositOf = (shopId: number) => balanceOf(ctx.db, accounts.merchantDeposit(shopId));
const shopState = async (shopId: number) =>
  (await ctx.db.selectFrom('shops').select('state').where('id', '=', shopId).executeTakeFirstOrThrow()).state;
const productState = async (productId: number) =>
  (await ctx.db.selectFrom('products').select('state').where('id', '=', productId).executeTakeFirstOrThrow())
    .state;

describe('first minor violation: warning and a chance to fix, no fine', () => {
  it('warns with 72 h to fix; fixing in time ends the warning with no penalty', async () => {
    const shop = await shopWithDeposit();
    const v = await record(onProduct(shop.shopId, shop.productId, 'false_advertising'));
    expect(v).toMatchObject({ state: 'warned', severity: 'general', points: 0 });
    expect(new Date(v.fixBy).getTime()).toBe(ctx.clock.now().getTime() + 72 * HOUR);
    expect(v.penalties.map((p: { kind: string }) => p.kind)).toEqual(['warning']);
    expect(await depositOf(shop.shopId)).toBe(DEPOSIT_FEN);
    expect(await productState(shop.productId)).toBe('listed');

    ctx.clock.advance(24 * HOUR);
    const fixed = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/fix`);
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.state).toBe('fixed');
    expect(fixed.body.penalties[0].state).toBe('ended');

    ctx.clock.advance(3 * DAY);
    await ctx.deadlines.runDue();
    expect(await productState(shop.productId)).toBe('listed');
    const again = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/fix`);
    expect(again.status).toBe(409);
  });

  it('enforces an unfixed warning when the window closes; a repeat is enforced at once', async () => {
    const shop = await shopWithDeposit();
    const v = await record(onProduct(shop.shopId, shop.productId, 'banned_claim'));
    expect(v.state).toBe('warned');

    ctx.clock.advance(72 * HOUR + MINUTE);
    const late = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/fix`);
    expect(late.status).toBe(409);
    await ctx.deadlines.runDue();
    const list = await as(shop.owner).get(`${V}/shops/${shop.shopId}/violations`);
    expect(list.status).toBe(200);
    const enforced = list.body.items.find((i: { id: number }) => i.id === v.id);
    expect(enforced.state).toBe('enforced');
    expect(enforced.penalties.map((p: { kind: string; state: string }) => [p.kind, p.state])).toEqual([
      ['warning', 'ended'],
      ['delist_product', 'ended'],
    ]);
    expect(await productState(shop.productId)).toBe('delisted');

    const { productId: second } = await buildListedProduct(ctx, shop.shopId);
    const repeat = await record(onProduct(shop.shopId, second, 'banned_claim'));
    expect(repeat).toMatchObject({ state: 'enforced', fixBy: null, points: 0 });
    expect(await productState(second)).toBe('delisted');
    // general violations never fine
    expect(await depositOf(shop.shopId)).toBe(DEPOSIT_FEN);
  });
});

describe('points and milestones (12 / 24 / 36 / 48 within 365 days)', () => {
  it('12 points restrict the shop for 7 days; the restriction ends by its deadline', async () => {
    const shop = await shopWithDeposit();
    const v = await record(onShop(shop.shopId, 'off_platform_trade'));
    expect(v).toMatchObject({ state: 'enforced', severity: 'serious', points: 12 });
    const kinds = v.penalties.map((p: { kind: string }) => p.kind);
    expect(kinds).toEqual(['fine', 'traffic_limit', 'shop_restricted']);
    const restriction = v.penalties.find((p: { kind: string }) => p.kind === 'shop_restricted');
    expect(restriction).toMatchObject({ milestone: 12, state: 'active' });
    expect(new Date(restriction.endsAt).getTime()).toBe(ctx.clock.now().getTime() + 7 * DAY);
    expect(await shopState(shop.shopId)).toBe('restricted');

    const gov = await as(shop.owner).get(`${V}/shops/${shop.shopId}/governance`);
    expect(gov.status).toBe(200);
    expect(gov.body).toMatchObject({
      points: 12,
      shopState: 'restricted',
      nextMilestone: { points: 24, days: 14 },
    });
    expect(gov.body.activePenalties.map((p: { kind: string }) => p.kind).sort()).toEqual([
      'shop_restricted',
      'traffic_limit',
    ]);

    ctx.clock.advance(7 * DAY - MINUTE);
    await ctx.deadlines.runDue();
    expect(await shopState(shop.shopId)).toBe('restricted');
    ctx.clock.advance(2 * MINUTE);
    await ctx.deadlines.runDue();
    expect(await shopState(shop.shopId)).toBe('active');
    const after = await as(shop.owner).get(`${V}/shops/${shop.shopId}/governance`);
    expect(after.body).toMatchObject({ points: 12, activePenalties: [] });
  });

  it('takes a fine from the deposit into platform revenue through the ledger', async () => {
    const shop = await shopWithDeposit();
    const revenueBefore = await balanceOf(ctx.db, accounts.platformCommissionRevenue);
    const v = await record(onShop(shop.shopId, 'review_manipulation'));
    const fine = v.penalties.find((p: { kind: string }) => p.kind === 'fine');
    expect(fine.params).toMatchObject({ amountFen: 100_000, deductedFen: 100_000 });
    expect(await depositOf(shop.shopId)).toBe(DEPOSIT_FEN - 100_000);
    expect(await balanceOf(ctx.db, accounts.platformCommissionRevenue)).toBe(revenueBefore + 100_000);
  });

  it('a jump past two milestones applies the higher; 48 points close the shop', async () => {
    const shop = await shopWithDeposit();
    const phone = `139${String(shop.shopId).padStart(8, '0')}`;
    await ctx.db.updateTable('users').set({ phone }).where('id', '=', shop.owner.id).execute();
    const first = await record(onShop(shop.shopId, 'off_platform_trade', 30));
    const restriction = first.penalties.find((p: { kind: string }) => p.kind === 'shop_restricted');
    expect(restriction).toMatchObject({ milestone: 24, params: { days: 14 } });
    const second = await record(onShop(shop.shopId, 'fraudulent_trading'));
    expect(second.penalties.map((p: { kind: string }) => p.kind)).toEqual(['blacklist', 'shop_closed']);
    expect(await shopState(shop.shopId)).toBe('closed');
    const blacklisted = await ctx.db
      .selectFrom('governanceBlacklist')
      .select('userId')
      .where('reversedAt', 'is', null)
      .execute();
    expect(blacklisted.map((b) => b.userId)).toContain(shop.owner.id);
    // onboarding checks the trust engine's blacklist: the owner's phone is on it
    expect(await isBlacklistedIdentifier(ctx.db, { phone })).toBe(true);
  });

  it('two serious violations at once both count: the milestone they reach together applies once', async () => {
    const shop = await shopWithDeposit();
    const [a, b] = await Promise.all([
      record(onShop(shop.shopId, 'off_platform_trade', 6)),
      record(onShop(shop.shopId, 'off_platform_trade', 6)),
    ]);
    const restrictions = [...a.penalties, ...b.penalties].filter(
      (p: { kind: string }) => p.kind === 'shop_restricted',
    );
    expect(restrictions).toHaveLength(1);
    expect(restrictions[0].milestone).toBe(12);
    expect(await shopState(shop.shopId)).toBe('restricted');
  });

  it('ops list violations by shop, code and state', async () => {
    const shop = await shopWithDeposit();
    const warned = await record(onProduct(shop.shopId, shop.productId, 'missing_qualification'));
    const serious = await record(onShop(shop.shopId, 'off_platform_trade', 4));
    const all = await as(reviewer).get(`${V}/ops/violations?shopId=${shop.shopId}`);
    expect(all.body.items.map((v: { id: number }) => v.id)).toEqual([serious.id, warned.id]);
    expect(all.body.total).toBe(2);
    const byState = await as(reviewer).get(`${V}/ops/violations?shopId=${shop.shopId}&state=warned`);
    expect(byState.body.items.map((v: { id: number }) => v.id)).toEqual([warned.id]);
    const byCode = await as(reviewer).get(
      `${V}/ops/violations?code=off_platform_trade&shopId=${shop.shopId}`,
    );
    expect(byCode.body.items.map((v: { id: number }) => v.id)).toEqual([serious.id]);
    const one = await as(reviewer).get(`${V}/ops/violations/${warned.id}`);
    expect(one.body).toMatchObject({ id: warned.id, description: { zh: expect.stringContaining('资质') } });
    expect((await as(shop.owner).get(`${V}/ops/violations`)).status).toBe(403);
  });

  it('points older than 365 days no longer count', async () => {
    const shop = await shopWithDeposit();
    await record(onShop(shop.shopId, 'off_platform_trade', 10));
    ctx.clock.advance(366 * DAY);
    await ctx.deadlines.runDue();
    reviewer = await buildOps(ctx, ['reviewer']);
    const v = await record(onShop(shop.shopId, 'off_platform_trade', 10));
    // 10 + 10 would reach 12; the first 10 expired, so no restriction
    expect(v.penalties.map((p: { kind: string }) => p.kind)).toEqual(['fine', 'traffic_limit']);
    const owner = await issueToken(ctx.db, ctx.clock, shop.owner.id);
    const gov = await api(ctx.app, owner.token).get(`${V}/shops/${shop.shopId}/governance`);
    expect(gov.body.points).toBe(10);
  });
});

describe('penalties wired into the modules', () => {
  it('counterfeit goods: product delisted, listing ban refuses submissions until it ends', async () => {
    const shop = await shopWithDeposit();
    const { productId: other } = await buildListedProduct(ctx, shop.shopId);
    await as(shop.owner).post(`${V}/shops/${shop.shopId}/products/${other}/delist`, { reason: '换季' });
    const v = await record(onProduct(shop.shopId, shop.productId, 'counterfeit_goods'));
    expect(v.penalties.map((p: { kind: string }) => p.kind)).toEqual([
      'delist_product',
      'listing_ban',
      'fine',
      'settlement_freeze',
      'shop_restricted',
    ]);
    expect(await productState(shop.productId)).toBe('delisted');
    const refused = await as(shop.owner).post(`${V}/shops/${shop.shopId}/products/${other}/submit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'penalty_active', details: { penalty: 'listing_ban' } });

    ctx.clock.advance(14 * DAY + MINUTE);
    await ctx.deadlines.runDue();
    const allowed = await as(shop.owner).post(`${V}/shops/${shop.shopId}/products/${other}/submit`);
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
  });

  it('a settlement freeze holds the shop’s settlements until it ends, then they settle', async () => {
    const shop = await shopWithDeposit();
    const rig = settlementRig(ctx);
    const order = await rig.completedOrder(shop);
    const v = await record(onProduct(shop.shopId, shop.productId, 'counterfeit_goods'));
    const freeze = v.penalties.find((p: { kind: string }) => p.kind === 'settlement_freeze');
    expect(freeze).toMatchObject({ state: 'active', params: { days: 30 } });

    await rig.passWindow();
    expect(await rig.settlementOf(order.orderId)).toMatchObject({
      state: 'frozen',
      holdReason: 'governance_penalty',
    });
    const withdrawal = await rig.withdraw(shop.owner, shop.shopId, 100);
    expect(withdrawal.body.error).toMatchObject({
      code: 'settlement_frozen',
      details: { reason: 'governance_penalty' },
    });

    ctx.clock.set(new Date(new Date(freeze.endsAt).getTime() + MINUTE));
    await ctx.deadlines.runDue();
    expect(await rig.settlementOf(order.orderId)).toMatchObject({ state: 'settled' });
  });

  it('another shop’s violations are not found', async () => {
    const a = await shopWithDeposit();
    const b = await shopWithDeposit();
    const v = await record(onProduct(a.shopId, a.productId, 'missing_qualification'));
    expect((await as(b.owner).get(`${V}/shops/${a.shopId}/violations`)).status).toBe(404);
    expect((await as(b.owner).post(`${V}/shops/${b.shopId}/violations/${v.id}/fix`)).status).toBe(404);
    expect(
      (await as(b.owner).post(`${V}/shops/${b.shopId}/violations/${v.id}/appeals`, { text: '不是我们' }))
        .status,
    ).toBe(404);
  });

  it('refuses a subject of another shop and an unknown code', async () => {
    const a = await shopWithDeposit();
    const b = await shopWithDeposit();
    const res = await as(reviewer).post(
      `${V}/ops/violations`,
      onProduct(a.shopId, b.productId, 'banned_claim'),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe('subject.id');
    const unknown = await as(reviewer).post(`${V}/ops/violations`, onShop(a.shopId, 'jaywalking'));
    expect(unknown.status).toBe(400);
  });
});

describe('appeals', () => {
  it('an upheld appeal reverses points, restriction and fine (money back through the ledger)', async () => {
    const shop = await shopWithDeposit();
    const v = await record(onShop(shop.shopId, 'off_platform_trade'));
    expect(await depositOf(shop.shopId)).toBe(DEPOSIT_FEN - 200_000);
    expect(await shopState(shop.shopId)).toBe('restricted');

    ctx.clock.advance(2 * DAY);
    const appeal = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/appeals`, {
      text: '聊天记录显示是买家主动发的联系方式',
    });
    expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
    expect(appeal.body).toMatchObject({ state: 'pending', attempt: 1 });
    // enforcement is not paused meanwhile
    expect(await shopState(shop.shopId)).toBe('restricted');

    const queue = await as(arbiter).get(`${V}/ops/appeals?shopId=${shop.shopId}`);
    expect(queue.body.items.map((a: { id: number }) => a.id)).toEqual([appeal.body.id]);
    const decided = await as(arbiter).post(`${V}/ops/appeals/${appeal.body.id}/decision`, {
      decision: 'uphold',
      reason: '证据成立',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.appeal.state).toBe('upheld');
    expect(decided.body.violation.state).toBe('reversed');
    expect(decided.body.violation.penalties.every((p: { state: string }) => p.state === 'reversed')).toBe(
      true,
    );
    expect(await shopState(shop.shopId)).toBe('active');
    expect(await depositOf(shop.shopId)).toBe(DEPOSIT_FEN);
    const fine = decided.body.violation.penalties.find((p: { kind: string }) => p.kind === 'fine');
    const refund = await entriesFor(ctx.db, { type: 'governance_penalty', id: fine.id });
    expect(refund.map((e) => e.kind).sort()).toEqual(['governance_fine_refund']);
    expect(refund[0]!.postings.reduce((sum, p) => sum + p.amountFen, 0)).toBe(0);

    const gov = await as(shop.owner).get(`${V}/shops/${shop.shopId}/governance`);
    expect(gov.body).toMatchObject({ points: 0, activePenalties: [] });
    // the restriction's deadline no longer acts
    ctx.clock.advance(8 * DAY);
    await ctx.deadlines.runDue();
    expect(await shopState(shop.shopId)).toBe('active');
    const again = await as(arbiter).post(`${V}/ops/appeals/${appeal.body.id}/decision`, {
      decision: 'reject',
      reason: '改判',
    });
    expect(again.status).toBe(409);
  });

  it('an upheld appeal of counterfeit goods lifts the listing ban and the freeze: held settlements settle', async () => {
    const shop = await shopWithDeposit();
    const rig = settlementRig(ctx);
    const order = await rig.completedOrder(shop);
    const v = await record(onProduct(shop.shopId, shop.productId, 'counterfeit_goods'));
    expect(await depositOf(shop.shopId)).toBe(DEPOSIT_FEN - 500_000);
    const appeal = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/appeals`, {
      text: '附品牌授权书与进货发票',
    });
    expect(appeal.status).toBe(201);
    // enforcement is not paused: the settlement falls due while the appeal waits, and is held
    await rig.passWindow();
    expect(await rig.settlementOf(order.orderId)).toMatchObject({ state: 'frozen' });

    const decided = await as(arbiter).post(`${V}/ops/appeals/${appeal.body.id}/decision`, {
      decision: 'uphold',
      reason: '授权真实有效',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(await rig.settlementOf(order.orderId)).toMatchObject({ state: 'settled' });
    expect(await depositOf(shop.shopId)).toBe(DEPOSIT_FEN);
    expect(await shopState(shop.shopId)).toBe('active');
    // the product stays delisted; with the listing ban gone the merchant may resubmit it
    expect(await productState(shop.productId)).toBe('delisted');
    const resubmitted = await as(shop.owner).post(
      `${V}/shops/${shop.shopId}/products/${shop.productId}/submit`,
    );
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
  });

  it('at most 2 appeals per violation, one open at a time, within 7 days', async () => {
    const shop = await shopWithDeposit();
    const v = await record(onShop(shop.shopId, 'off_platform_trade', 4));
    const appealUrl = `${V}/shops/${shop.shopId}/violations/${v.id}/appeals`;
    const fileAppeal = () => as(shop.owner).post(appealUrl, { text: '已发货，附物流记录' });
    const reject = (id: number) =>
      as(arbiter).post(`${V}/ops/appeals/${id}/decision`, { decision: 'reject', reason: '物流无揽收记录' });

    const first = await fileAppeal();
    expect(first.status).toBe(201);
    expect((await fileAppeal()).status).toBe(409);
    expect((await reject(first.body.id)).status).toBe(200);
    const second = await fileAppeal();
    expect(second.body.attempt).toBe(2);
    expect((await reject(second.body.id)).status).toBe(200);
    const third = await fileAppeal();
    expect(third.status).toBe(409);

    const late = await record(onShop(shop.shopId, 'off_platform_trade', 4));
    ctx.clock.advance(7 * DAY + MINUTE);
    const tooLate = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${late.id}/appeals`, {
      text: '补充证据',
    });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.code).toBe('deadline_passed');
  });

  it('appeal evidence files must be the merchant’s own uploads', async () => {
    const shop = await shopWithDeposit();
    const v = await record(onShop(shop.shopId, 'off_platform_trade', 4));
    const res = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/appeals`, {
      text: '附图',
      fileIds: [987654],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe('fileIds');
  });
});

describe('live: reminders and emergency stop', () => {
  it('a minor live violation leaves a reminder the host acknowledges before going live', async () => {
    const shop = await shopWithDeposit();
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: shop.owner.id, shopId: shop.shopId });
    const v = await record({
      shopId: shop.shopId,
      code: 'live_hype',
      subject: { type: 'live_session', id: sessionId },
      evidence: { text: '主播扮穷卖惨' },
    });
    expect(v).toMatchObject({ state: 'warned', hostUserId: shop.owner.id });

    const reminders = await as(shop.owner).get(`${V}/live/reminders`);
    expect(reminders.status).toBe(200);
    expect(reminders.body.items).toHaveLength(1);
    expect(reminders.body.items[0]).toMatchObject({ violationId: v.id, sessionId });

    const { sessionId: next } = await buildLiveSession(ctx, {
      hostUserId: shop.owner.id,
      shopId: shop.shopId,
    });
    const refused = await as(shop.owner).post(`${V}/live/sessions/${next}/start`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('live_reminders_pending');
    expect(refused.body.error.details.reminders).toHaveLength(1);

    const other = await buildUser(ctx, 'creator');
    const foreign = await as(other).post(`${V}/live/reminders/${reminders.body.items[0].id}/acknowledge`);
    expect(foreign.status).toBe(404);
    const ack = await as(shop.owner).post(`${V}/live/reminders/${reminders.body.items[0].id}/acknowledge`);
    expect(ack.status).toBe(200);
    const started = await as(shop.owner).post(`${V}/live/sessions/${next}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
  });

  it('an emergency stop ends the session at once, records why, and bans going live', async () => {
    const shop = await shopWithDeposit();
    const { sessionId } = await buildLiveSession(
      ctx,
      { hostUserId: shop.owner.id, shopId: shop.shopId },
      { state: 'live' },
    );
    const res = await as(reviewer).post(`${V}/ops/live/sessions/${sessionId}/emergency-stop`, {
      reason: '引导私下交易',
      evidence: '加我薇信 abc123 便宜卖',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.session).toMatchObject({ id: sessionId, state: 'terminated' });
    expect(res.body.session.endReason).toContain('引导私下交易');
    expect(res.body.violation).toMatchObject({
      code: 'live_high_risk',
      source: 'ops',
      subject: { type: 'live_session', id: sessionId },
    });
    expect(res.body.violation.evidence.text).toContain('薇信');
    expect(res.body.violation.penalties.map((p: { kind: string }) => p.kind)).toEqual(['live_ban']);

    const view = await api(ctx.app).get(`${V}/live/sessions/${sessionId}`);
    expect(view.body.state).toBe('terminated');
    const scheduled = await as(shop.owner).post(`${V}/live/sessions`, {
      title: '新品直播',
      scheduledAt: new Date(ctx.clock.now().getTime() + HOUR).toISOString(),
      shopId: shop.shopId,
    });
    expect(scheduled.status).toBe(409);
    expect(scheduled.body.error.details.penalty).toBe('live_ban');

    const twice = await as(reviewer).post(`${V}/ops/live/sessions/${sessionId}/emergency-stop`, {
      reason: '重复',
      evidence: '重复',
    });
    expect(twice.status).toBe(409);
  });

  it('the checkpoint call stops a creator’s room inside the caller’s transaction', async () => {
    const creator = await buildUser(ctx, 'creator');
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: creator.id }, { state: 'live' });
    const { session, violation } = await ctx.db
      .transaction()
      .execute((tx) =>
        emergencyStop(
          tx,
          { sessionId, reason: '高危评论', source: 'trust_engine', evidence: '评论：加V 12345' },
          { now: ctx.clock.now(), settings: ctx.settings },
        ),
      );
    expect(session.state).toBe('terminated');
    expect(violation).toMatchObject({
      shopId: null,
      hostUserId: creator.id,
      source: 'trust_engine',
      points: 6,
    });
    const refused = await as(creator).post(`${V}/live/sessions`, {
      title: '再开播',
      scheduledAt: new Date(ctx.clock.now().getTime() + HOUR).toISOString(),
    });
    expect(refused.status).toBe(409);
  });
});
