import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { aftersalesRig, guaranteedProduct } from '../aftersales/aftersales.test-support.ts';
import { updateConfig } from '../configuration/index.ts';
import { accounts, balanceOf, checkLedger } from '../ledger/index.ts';
import { scanInjuredBuyers } from './scan.service.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let arbiter: TestUser;
let reviewer: TestUser;
const V = '/api/v1';
const HOUR = 3_600_000;
const key = () => `care-${randomBytes(6).toString('hex')}`;

beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
  arbiter = await buildOps(ctx, ['arbiter']);
  reviewer = await buildOps(ctx, ['reviewer']);
});

const scan = () => ctx.db.transaction().execute((tx) => scanInjuredBuyers(tx, ctx.clock.now()));
const casesOf = (orderId: number) =>
  ctx.db.selectFrom('careCases').selectAll().where('orderId', '=', orderId).orderBy('id').execute();

async function ledgerBalanced() {
  const report = await checkLedger(ctx.db);
  expect(report.ok, JSON.stringify(report)).toBe(true);
}

/** The buyer writes to the shop: a conversation, a session and one message per time given (as chat stores them). */
async function buyerWrites(buyerId: number, shopId: number, times: { at: Date; session: 'same' | 'new' }[]) {
  const conversation = await ctx.db
    .insertInto('chatConversations')
    .values({ shopId, buyerId, lastMessageAt: times[0]!.at, createdAt: times[0]!.at })
    .onConflict((oc) => oc.columns(['shopId', 'buyerId']).doUpdateSet({ lastMessageAt: times[0]!.at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  let sessionId = 0;
  for (const t of times) {
    if (t.session === 'new' || sessionId === 0) {
      await ctx.db
        .updateTable('chatSessions')
        .set({ state: 'closed', closedAt: t.at, closeReason: 'idle' })
        .where('conversationId', '=', conversation.id)
        .where('state', '<>', 'closed')
        .execute();
      sessionId = (
        await ctx.db
          .insertInto('chatSessions')
          .values({ conversationId: conversation.id, shopId, buyerId, state: 'bot', startedAt: t.at })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    await ctx.db
      .insertInto('chatMessages')
      .values({
        conversationId: conversation.id,
        sessionId,
        sender: 'buyer',
        senderId: buyerId,
        kind: 'text',
        text: '我的快递怎么一直不动？',
        createdAt: t.at,
      })
      .execute();
  }
}

async function shippedOrder() {
  const product = await guaranteedProduct(ctx);
  const order = await rig.paidOrder(product);
  await rig.ship(product.owner, product.shopId, order.orderId);
  const shipment = await ctx.db
    .selectFrom('shipments')
    .select('id')
    .where('orderId', '=', order.orderId)
    .executeTakeFirstOrThrow();
  const picked = await rig.as(product.owner).post(`${V}/shipments/${shipment.id}/sandbox-events`, {
    event: 'picked_up',
  });
  expect(picked.status, JSON.stringify(picked.body)).toBe(201);
  return { product, order, shipmentId: shipment.id };
}

/** A refund-only request rejected by the merchant after a recorded call. */
async function rejectedRequest() {
  const product = await guaranteedProduct(ctx);
  const order = await rig.deliveredOrder(product);
  const body = {
    orderId: order.orderId,
    orderLineId: order.lineId,
    type: 'refund_only',
    reason: 'not_as_described',
    quantity: 1,
  };
  const opened = await rig.open(order.buyer, body);
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const call = await rig.act(product.owner, opened.body.id, 'communications', {
    channel: 'phone',
    summary: '电话沟通：商家认为商品与描述一致',
  });
  expect(call.status).toBe(201);
  const rejected = await rig.act(product.owner, opened.body.id, 'reject', {
    communicationId: call.body.id,
    reason: '颜色与描述一致',
  });
  expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
  return { product, order, body, requestId: opened.body.id as number };
}

describe('injured-buyer rules (product rules §8.6)', () => {
  it('(a) a parcel stalled 72 h whose buyer contacted the shop twice is one case, found once', async () => {
    const twice = await shippedOrder();
    const once = await shippedOrder();
    const moving = await shippedOrder();
    const t = ctx.clock.now();
    const at = (h: number) => new Date(t.getTime() + h * HOUR);
    // twice: two sessions; once: three messages within minutes of each other in one session
    await buyerWrites(twice.order.buyer.id, twice.product.shopId, [
      { at: at(24), session: 'new' },
      { at: at(50), session: 'new' },
    ]);
    await buyerWrites(once.order.buyer.id, once.product.shopId, [
      { at: at(24), session: 'new' },
      { at: at(24.1), session: 'same' },
      { at: at(24.2), session: 'same' },
    ]);
    await buyerWrites(moving.order.buyer.id, moving.product.shopId, [
      { at: at(24), session: 'new' },
      { at: at(50), session: 'new' },
    ]);
    ctx.clock.advance(60 * HOUR);
    const hub = await rig
      .as(moving.product.owner)
      .post(`${V}/shipments/${moving.shipmentId}/sandbox-events`, {
        event: 'in_transit',
      });
    expect(hub.status).toBe(201);

    ctx.clock.advance(11 * HOUR); // 71 h since pickup: not stalled yet
    await scan();
    expect(await casesOf(twice.order.orderId)).toEqual([]);

    ctx.clock.advance(HOUR + 1);
    const first = await scan();
    expect(first.opened.stalled_parcel_contacted).toBeGreaterThanOrEqual(1);
    const [found] = await casesOf(twice.order.orderId);
    expect(found).toMatchObject({
      rule: 'stalled_parcel_contacted',
      buyerId: twice.order.buyer.id,
      shopId: twice.product.shopId,
      state: 'open',
    });
    expect(found!.facts).toMatchObject({ contacts: 2, trackingStatus: 'picked_up', stalledHours: 72 });
    expect(await casesOf(once.order.orderId)).toEqual([]); // one contact
    expect(await casesOf(moving.order.orderId)).toEqual([]); // tracking moved 12 h ago

    // a rerun (or a concurrent one) finds nothing new
    const again = await Promise.all([scan(), scan()]);
    expect(again.map((r) => r.opened.stalled_parcel_contacted)).toEqual([0, 0]);
    expect(await casesOf(twice.order.orderId)).toHaveLength(1);
  });

  it('(b) a refused refund then a 1-star review of the order is a case; a review before the refusal is not', async () => {
    const { product, order, requestId } = await rejectedRequest();
    const confirmed = await rig.as(order.buyer).post(`${V}/orders/${order.orderId}/confirm-receipt`, {});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    await scan();
    expect((await casesOf(order.orderId)).map((c) => c.rule)).toEqual([]);
    ctx.clock.advance(HOUR);
    const review = await rig.as(order.buyer).post(`${V}/orders/${order.orderId}/reviews`, {
      orderLineId: order.lineId,
      rating: 1,
      text: '退款被拒，商品和描述不一样',
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    const result = await scan();
    expect(result.opened.refused_then_bad_review).toBe(1);
    const [found] = await casesOf(order.orderId);
    expect(found).toMatchObject({ rule: 'refused_then_bad_review', shopId: product.shopId });
    expect(found!.facts).toMatchObject({
      requestId,
      refusedBy: 'merchant',
      rating: 1,
      reviewId: review.body.id,
    });
    expect((await scan()).opened.refused_then_bad_review).toBe(0);
  });

  it('(b) a refusal in arbitration then a 2-star review names the arbitration', async () => {
    const { order, requestId } = await rejectedRequest();
    ctx.clock.advance(HOUR);
    const escalated = await rig.act(order.buyer, requestId, 'escalate', { reason: '颜色明显不同' });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
    ctx.clock.advance(HOUR);
    const decided = await rig
      .as(arbiter)
      .post(`${V}/ops/arbitrations/${requestId}/decision`, { outcome: 'reject', reason: '证据不足' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((await rig.as(order.buyer).post(`${V}/orders/${order.orderId}/confirm-receipt`, {})).status).toBe(
      200,
    );
    ctx.clock.advance(HOUR);
    const review = await rig.as(order.buyer).post(`${V}/orders/${order.orderId}/reviews`, {
      orderLineId: order.lineId,
      rating: 2,
      text: '仲裁也不支持，很失望',
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    await scan();
    const [found] = await casesOf(order.orderId);
    expect(found).toMatchObject({ rule: 'refused_then_bad_review' });
    expect(found!.facts).toMatchObject({ requestId, refusedBy: 'arbitration', rating: 2 });
  });

  it('(c) a second after-sales request on one order (a resubmission) is a case', async () => {
    const { order, body, requestId } = await rejectedRequest();
    await scan();
    expect(await casesOf(order.orderId)).toEqual([]);
    ctx.clock.advance(HOUR);
    const second = await rig.open(order.buyer, { ...body, description: '补充了照片' });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const result = await scan();
    expect(result.opened.repeat_aftersales).toBe(1);
    const [found] = await casesOf(order.orderId);
    expect(found).toMatchObject({ rule: 'repeat_aftersales', buyerId: order.buyer.id });
    expect(found!.facts).toMatchObject({ requests: 2, requestIds: [requestId, second.body.id] });
  });
});

describe('outreach: claim, contact, compensate within the caps, outcome, satisfaction', () => {
  /** A fresh case of rule (c), as the queue has it. */
  async function openCase() {
    const { order, body } = await rejectedRequest();
    ctx.clock.advance(60_000);
    expect((await rig.open(order.buyer, { ...body, description: '再次申请' })).status).toBe(201);
    await scan();
    const [row] = await casesOf(order.orderId);
    return { id: row!.id, buyer: order.buyer, orderId: order.orderId };
  }
  const as = (u: TestUser) => api(ctx.app, u.token);
  const compensate = (id: number, body: object, k = key(), who = arbiter) =>
    as(who).post(`${V}/ops/care/cases/${id}/compensations`, body, { 'idempotency-key': k });

  it('the queue shows the case by SLA with its story; one holder at a time', async () => {
    const c = await openCase();
    const queue = await as(reviewer).get(`${V}/ops/care/cases?limit=100`);
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    const item = queue.body.items.find((i: { id: number }) => i.id === c.id);
    expect(item).toMatchObject({
      rule: 'repeat_aftersales',
      state: 'open',
      orderId: c.orderId,
      overdue: false,
    });
    const dues = queue.body.items.map((i: { dueAt: string }) => i.dueAt);
    expect(dues).toEqual([...dues].sort());

    const story = await as(reviewer).get(`${V}/ops/care/cases/${c.id}`);
    expect(story.status, JSON.stringify(story.body)).toBe(200);
    expect(story.body.order).toMatchObject({ id: c.orderId });
    expect(story.body.aftersales).toHaveLength(2);
    expect(story.body.shipment.events.length).toBeGreaterThan(0);
    expect(story.body.buyer).toMatchObject({ id: c.buyer.id });

    expect((await as(reviewer).post(`${V}/ops/care/cases/${c.id}/claim`)).status).toBe(200);
    expect((await as(arbiter).post(`${V}/ops/care/cases/${c.id}/claim`)).status).toBe(409);
    // only the holder records contacts
    const foreign = await as(arbiter).post(`${V}/ops/care/cases/${c.id}/contacts`, {
      channel: 'phone',
      reached: true,
      note: '已致电',
    });
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.details).toMatchObject({ key: 'care_claimed_by_other' });
    // a reviewer may not pay
    expect((await compensate(c.id, { kind: 'cash', amountFen: 100 }, key(), reviewer)).status).toBe(403);
    expect((await as(reviewer).post(`${V}/ops/care/cases/${c.id}/release`)).status).toBe(200);
    expect((await as(arbiter).post(`${V}/ops/care/cases/${c.id}/claim`)).status).toBe(200);
    expect((await as(c.buyer).get(`${V}/ops/care/cases/${c.id}`)).status).toBe(403);
    expect((await as(reviewer).get(`${V}/ops/care/cases/999999`)).status).toBe(404);
  });

  it('cash goes through one balanced ledger entry, once per key; the case cap holds', async () => {
    const c = await openCase();
    expect((await as(arbiter).post(`${V}/ops/care/cases/${c.id}/claim`)).status).toBe(200);
    const goodwillBefore = await balanceOf(ctx.db, accounts.careGoodwill);
    const k = key();
    const paid = await compensate(c.id, { kind: 'cash', amountFen: 2_000 }, k);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body).toMatchObject({ kind: 'cash', amountFen: 2_000, caseLeftFen: 3_000 });
    const replay = await compensate(c.id, { kind: 'cash', amountFen: 2_000 }, k);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(paid.body.id);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await balanceOf(ctx.db, accounts.careGoodwill)).toBe(goodwillBefore - 2_000);
    const entries = await ctx.db
      .selectFrom('ledgerEntries')
      .select('id')
      .where('causeType', '=', 'care_compensation')
      .where('causeId', '=', paid.body.id)
      .execute();
    expect(entries).toHaveLength(1);

    // a coupon counts toward the same cap: 3,000 fen left, 3,001 refused
    const over = await compensate(c.id, { kind: 'coupon', amountFen: 3_001 });
    expect(over.status).toBe(409);
    expect(over.body.error.details).toMatchObject({ key: 'care_case_cap', params: { leftFen: 3_000 } });
    const coupon = await compensate(c.id, { kind: 'coupon', amountFen: 3_000 });
    expect(coupon.status, JSON.stringify(coupon.body)).toBe(201);
    const mine = await as(c.buyer).get(`${V}/me/coupons`);
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).toContain('平台关怀券');
    const granted = await ctx.db
      .selectFrom('buyerCoupons as b')
      .innerJoin('couponCampaigns as c', 'c.id', 'b.campaignId')
      .select(['b.buyerId', 'b.state', 'c.funder', 'c.discountFen', 'c.state as campaignState'])
      .where('b.id', '=', coupon.body.buyerCouponId)
      .executeTakeFirstOrThrow();
    expect(granted).toEqual({
      buyerId: c.buyer.id,
      state: 'available',
      funder: 'platform',
      discountFen: 3_000,
      campaignState: 'stopped',
    });
    const inbox = await as(c.buyer).get(`${V}/me/notifications`);
    expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'care_compensation')).toHaveLength(2);
    await ledgerBalanced();
  });

  it('the day cap holds under concurrent compensations of many cases', async () => {
    const cases = [];
    for (let i = 0; i < 6; i++) cases.push(await openCase());
    for (const c of cases)
      expect((await as(arbiter).post(`${V}/ops/care/cases/${c.id}/claim`)).status).toBe(200);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.config.timeZone }).format(ctx.clock.now());
    const spentBefore =
      (
        await ctx.db
          .selectFrom('careDailyBudget')
          .select('spentFen')
          .where('day', '=', day)
          .executeTakeFirst()
      )?.spentFen ?? 0;
    await updateConfig(ctx.handle.db, {
      changes: { care: { perDayCapFen: spentBefore + 10_000 } },
      note: 'care test: a day budget of ¥100 more',
      userId: arbiter.id,
    });
    const results = await Promise.all(cases.map((c) => compensate(c.id, { kind: 'cash', amountFen: 3_000 })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body.error.details).toMatchObject({ key: 'care_day_cap' });
    const spent = await ctx.db
      .selectFrom('careDailyBudget')
      .select('spentFen')
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    expect(spent.spentFen).toBe(spentBefore + 9_000);
    await ledgerBalanced();
  });

  it('outcome: a reached buyer is asked once, in one tap; satisfaction after outreach counts it', async () => {
    const c = await openCase();
    expect((await as(reviewer).post(`${V}/ops/care/cases/${c.id}/claim`)).status).toBe(200);
    const early = await as(reviewer).post(`${V}/ops/care/cases/${c.id}/outcome`, { outcome: 'apologised' });
    expect(early.status).toBe(400); // nobody reached yet
    const contact = await as(reviewer).post(`${V}/ops/care/cases/${c.id}/contacts`, {
      channel: 'phone',
      reached: true,
      note: '已致电买家致歉，买家表示理解',
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    const before = (await as(reviewer).get(`${V}/ops/care/cases?view=resolved`)).body.satisfaction;
    const resolved = await as(reviewer).post(`${V}/ops/care/cases/${c.id}/outcome`, {
      outcome: 'apologised',
      note: '买家接受道歉',
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(
      (
        await as(reviewer).post(`${V}/ops/care/cases/${c.id}/contacts`, {
          channel: 'sms',
          reached: true,
          note: 'x',
        })
      ).status,
    ).toBe(409);

    const inbox = await as(c.buyer).get(`${V}/me/notifications`);
    const asked = inbox.body.items.find((n: { kind: string }) => n.kind === 'care_survey');
    expect(asked.payload).toMatchObject({ caseId: c.id, orderId: c.orderId });
    const survey = await as(c.buyer).get(`${V}/me/care/surveys/${c.id}`);
    expect(survey.body).toMatchObject({ state: 'asked', orderId: c.orderId });
    const answered = await as(c.buyer).post(`${V}/me/care/surveys/${c.id}/answer`, {
      satisfaction: 'satisfied',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ state: 'answered', satisfaction: 'satisfied' });
    const twice = await as(c.buyer).post(`${V}/me/care/surveys/${c.id}/answer`, {
      satisfaction: 'unsatisfied',
    });
    expect(twice.status).toBe(409);
    const after = (await as(reviewer).get(`${V}/ops/care/cases?view=resolved`)).body.satisfaction;
    expect(after.answered).toBe(before.answered + 1);
    expect(after.satisfied).toBe(before.satisfied + 1);
    expect(after.rateBp).toBeGreaterThan(0);
  });
});
