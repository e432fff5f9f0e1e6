import { randomBytes } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCategory,
  buildListedProduct,
  buildOps,
  buildShop,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';
import { moveViolation } from './governance.store.ts';

const V = '/api/v1';

let ctx: TestContext;
let reviewer: TestUser;
let arbiter: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
});
beforeEach(async () => {
  reviewer = await buildOps(ctx, ['reviewer']);
  arbiter = await buildOps(ctx, ['arbiter']);
});

const as = (user: TestUser) => api(ctx.app, user.token);
// Penalties that act once are recorded ended at once.
const ONE_SHOT = ['fine', 'delist_product'];

async function shopWithProduct() {
  const { id: categoryId } = await buildCategory(ctx, { depositFen: 500_000 });
  const shop = await buildShop(ctx, { categoryId });
  const paid = await as(shop.owner).post(
    `${V}/shops/${shop.shopId}/deposit/payments`,
    { amountFen: 1_000_000 },
    { 'idempotency-key': `gov-store-${randomBytes(6).toString('hex')}` },
  );
  expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  const { productId } = await buildListedProduct(ctx, shop.shopId);
  return { ...shop, productId };
}

async function record(body: Record<string, unknown>) {
  const res = await as(reviewer).post(`${V}/ops/violations`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; state: string };
}
const minorOnProduct = (shopId: number, productId: number) => ({
  shopId,
  code: 'false_advertising',
  subject: { type: 'product', id: productId },
  evidence: { text: '虚假宣传 evidence' },
});
// 4 points: below the first milestone, so the shop stays active.
const seriousOnShop = (shopId: number) => ({
  shopId,
  code: 'off_platform_trade',
  points: 4,
  subject: { type: 'shop', id: null },
  evidence: { text: '站外交易 evidence' },
});

/** The violation's timeline as [record, from, to] (tests may read governance's tables). */
const timeline = async (violationId: number) =>
  (
    await ctx.db
      .selectFrom('governanceEvents')
      .select(['record', 'fromState', 'toState', 'actorId'])
      .where('violationId', '=', violationId)
      .orderBy('id')
      .execute()
  ).map((e) => [e.record, e.fromState, e.toState]);

/** Everything a governance move could change about a violation. */
async function snapshot(violationId: number) {
  const [violation, penalties, appeals, points, events] = await Promise.all([
    ctx.db
      .selectFrom('governanceViolations')
      .select(['state', 'updatedAt'])
      .where('id', '=', violationId)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('governancePenalties')
      .select(['id', 'state', 'endedAt'])
      .where('violationId', '=', violationId)
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('governanceAppeals')
      .select(['id', 'state', 'decidedAt'])
      .where('violationId', '=', violationId)
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('governancePoints')
      .select(['reversedAt'])
      .where('violationId', '=', violationId)
      .execute(),
    timeline(violationId),
  ]);
  return { violation, penalties, appeals, points, events };
}

describe('violations, penalties and appeals keep a timeline', () => {
  it('a fixed warning: recorded warned with its warning penalty, then fixed and the warning ended', async () => {
    const shop = await shopWithProduct();
    const v = await record(minorOnProduct(shop.shopId, shop.productId));
    ctx.clock.advance(HOUR);
    const fixed = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/fix`);
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    // The merchant reads the timeline with the violation.
    expect(
      fixed.body.timeline.map((e: { record: string; fromState: string | null; toState: string }) => [
        e.record,
        e.fromState,
        e.toState,
      ]),
    ).toEqual(await timeline(v.id));
    expect(fixed.body.timeline.at(-2)).toMatchObject({
      actorId: shop.owner.id,
      note: expect.stringContaining('fixed'),
    });
    expect(await timeline(v.id)).toEqual([
      ['violation', null, 'warned'],
      ['penalty', null, 'active'],
      ['violation', 'warned', 'fixed'],
      ['penalty', 'active', 'ended'],
    ]);
  });

  it('an upheld appeal: the violation and each penalty reversed, the appeal upheld, by the arbiter', async () => {
    const shop = await shopWithProduct();
    const v = await record(seriousOnShop(shop.shopId));
    const appeal = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/appeals`, {
      text: '买家主动发的联系方式',
    });
    expect(appeal.status).toBe(201);
    const decided = await as(arbiter).post(`${V}/ops/appeals/${appeal.body.id}/decision`, {
      decision: 'uphold',
      reason: '证据成立',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const events = await timeline(v.id);
    const penaltyCount = decided.body.violation.penalties.length;
    expect(penaltyCount).toBeGreaterThan(0);
    expect(events.slice(0, 1 + penaltyCount)).toEqual([
      ['violation', null, 'enforced'],
      ...decided.body.violation.penalties.map((p: { kind: string }) => [
        'penalty',
        null,
        ONE_SHOT.includes(p.kind) ? 'ended' : 'active',
      ]),
    ]);
    expect(events.slice(1 + penaltyCount)).toEqual([
      ['appeal', null, 'pending'],
      ['violation', 'enforced', 'reversed'],
      ...decided.body.violation.penalties.map((p: { kind: string }) => [
        'penalty',
        ONE_SHOT.includes(p.kind) ? 'ended' : 'active',
        'reversed',
      ]),
      ['appeal', 'pending', 'upheld'],
    ]);
    const last = await ctx.db
      .selectFrom('governanceEvents')
      .select('actorId')
      .where('violationId', '=', v.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.actorId).toBe(arbiter.id);
  });
});

describe('deadlines and races move records through the same store', () => {
  it('a warning left unfixed is enforced by its deadline, with the platform as the actor', async () => {
    const shop = await shopWithProduct();
    const v = await record(minorOnProduct(shop.shopId, shop.productId));
    ctx.clock.advance(72 * HOUR + 60_000);
    await ctx.deadlines.runDue();
    const events = await ctx.db
      .selectFrom('governanceEvents')
      .select(['record', 'fromState', 'toState', 'actorId'])
      .where('violationId', '=', v.id)
      .orderBy('id')
      .execute();
    expect(events.slice(2, 4)).toEqual([
      { record: 'violation', fromState: 'warned', toState: 'enforced', actorId: null },
      { record: 'penalty', fromState: 'active', toState: 'ended', actorId: null },
    ]);
    // then the catalogue's penalties of an enforced violation
    expect(events.slice(4).every((e) => e.record === 'penalty' && e.fromState === null)).toBe(true);
    expect(events.length).toBeGreaterThan(4);
  });

  it('two arbiters deciding one appeal at once: one decision stands, the other gets 409', async () => {
    const shop = await shopWithProduct();
    const v = await record(seriousOnShop(shop.shopId));
    const appeal = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/appeals`, {
      text: '已发货',
    });
    const other = await buildOps(ctx, ['arbiter']);
    const [a, b] = await Promise.all([
      as(arbiter).post(`${V}/ops/appeals/${appeal.body.id}/decision`, { decision: 'uphold', reason: '成立' }),
      as(other).post(`${V}/ops/appeals/${appeal.body.id}/decision`, { decision: 'reject', reason: '不成立' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a.body : b.body;
    const decisions = (await timeline(v.id)).filter(
      ([record, from]) => record === 'appeal' && from === 'pending',
    );
    expect(decisions).toEqual([['appeal', 'pending', winner.appeal.state]]);
    const { state } = (await snapshot(v.id)).violation;
    expect(state).toBe(winner.appeal.state === 'upheld' ? 'reversed' : 'enforced');
  });
});

describe('an illegal move through the real service is refused with 409 and changes nothing', () => {
  it('fixing an enforced violation', async () => {
    const shop = await shopWithProduct();
    const v = await record(seriousOnShop(shop.shopId));
    expect(v.state).toBe('enforced');
    const before = await snapshot(v.id);
    ctx.clock.advance(HOUR);
    const res = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/fix`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'invalid_transition',
      details: { from: 'enforced', to: 'fixed' },
    });
    expect(await snapshot(v.id)).toEqual(before);
  });

  it('upholding an appeal that was already rejected: the violation is not reversed', async () => {
    const shop = await shopWithProduct();
    const v = await record(seriousOnShop(shop.shopId));
    const appeal = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/appeals`, {
      text: '已发货',
    });
    const rejected = await as(arbiter).post(`${V}/ops/appeals/${appeal.body.id}/decision`, {
      decision: 'reject',
      reason: '证据不足',
    });
    expect(rejected.status).toBe(200);
    const before = await snapshot(v.id);
    const res = await as(arbiter).post(`${V}/ops/appeals/${appeal.body.id}/decision`, {
      decision: 'uphold',
      reason: '改判',
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'invalid_transition',
      details: { from: 'rejected', to: 'upheld' },
    });
    expect(await snapshot(v.id)).toEqual(before);
    expect(before.violation.state).toBe('enforced');
    expect(before.points.every((p) => p.reversedAt === null)).toBe(true);
  });

  it('fixing a warning after its fix window: the guard refuses (deadline_passed)', async () => {
    const shop = await shopWithProduct();
    const v = await record(minorOnProduct(shop.shopId, shop.productId));
    const before = await snapshot(v.id);
    ctx.clock.advance(72 * HOUR + 60_000);
    const res = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/fix`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('deadline_passed');
    expect(await snapshot(v.id)).toEqual(before);
  });

  it('a move from a state the violation has left matches no row: 409 conflict, nothing written', async () => {
    const shop = await shopWithProduct();
    const v = await record(seriousOnShop(shop.shopId));
    const before = await snapshot(v.id);
    // A stale read (warned) of a violation that is enforced: the table allows warned → fixed, the row does not.
    const stale = ctx.db
      .transaction()
      .execute((tx) =>
        moveViolation(
          tx,
          { id: v.id, state: 'warned', fixBy: new Date(ctx.clock.now().getTime() + HOUR) },
          'fixed',
          { actorId: null, note: 'stale', now: ctx.clock.now() },
        ),
      );
    await expect(stale).rejects.toMatchObject({ code: 'conflict', status: 409 });
    expect(await snapshot(v.id)).toEqual(before);
  });
});
