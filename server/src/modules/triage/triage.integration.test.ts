import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildLiveSession, buildOps, buildShop, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';
import { decide } from '../risk/index.ts';

let ctx: TestContext;
let shop: { shopId: number; categoryId: number; owner: TestUser };
let reviewer: TestUser;
let reviewer2: TestUser;
let ruleAdmin: TestUser;
let brandId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  shop = await buildShop(ctx);
  reviewer = await buildOps(ctx, ['reviewer']);
  reviewer2 = await buildOps(ctx, ['reviewer']);
  ruleAdmin = await buildOps(ctx, ['rule_admin']);
  brandId = (
    await ctx.db
      .insertInto('brands')
      .values({ name: `品牌-${Math.random()}`, nameEn: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});

const as = (user: TestUser) => api(ctx.app, user.token);

/** A branded product of a shop that is not the brand's flagship: the listing checkpoint holds it for ops. */
async function heldListing(title = '品牌运动鞋 42码') {
  const created = await as(shop.owner).post(`/api/v1/shops/${shop.shopId}/products`, {
    title,
    description: '透气网面，轻便耐穿',
    categoryId: shop.categoryId,
    brandId,
    skus: [{ code: 'A', spec: '42', priceFen: 29_900, stock: 10 }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await as(shop.owner).post(
    `/api/v1/shops/${shop.shopId}/products/${created.body.id}/submit`,
  );
  expect(submitted.body.state).toBe('in_review');
  const cases = await as(reviewer).get(
    '/api/v1/ops/trust/cases?checkpoint=product_listing&state=open&limit=100',
  );
  const opened = cases.body.items.find((c: { subject: { id: number } }) => c.subject.id === created.body.id);
  expect(opened, 'the checkpoint opened a review case').toBeDefined();
  return { productId: created.body.id as number, caseId: opened.id as number };
}

const productState = async (id: number) => (await as(reviewer).get(`/api/v1/ops/products/${id}`)).body.state;
const caseOf = async (id: number) => (await as(reviewer).get(`/api/v1/ops/trust/cases/${id}`)).body;

type QueueItem = {
  subject: { type: string; id: number };
  caseId: number | null;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  claim: { holderId: number; holderName: string } | null;
};

describe('defect 6: a listing case is in a queue, and deciding it decides the listing', () => {
  it('resolving a listing case as fine lists the product; as fraud rejects it with the note', async () => {
    const fine = await heldListing('品牌跑鞋 A');
    const resolved = await as(reviewer).post(`/api/v1/ops/trust/cases/${fine.caseId}/resolve`, {
      resolution: 'legit',
      note: '授权书已核实',
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(await productState(fine.productId)).toBe('listed');

    const bad = await heldListing('品牌跑鞋 B');
    await as(reviewer).post(`/api/v1/ops/trust/cases/${bad.caseId}/resolve`, {
      resolution: 'fraud',
      note: '假冒品牌',
    });
    const product = (await as(reviewer).get(`/api/v1/ops/products/${bad.productId}`)).body;
    expect(product.state).toBe('rejected');
    expect(product.stateReason).toBe('假冒品牌');
  });

  it('approving the listing resolves its open case', async () => {
    const held = await heldListing('品牌跑鞋 C');
    const approved = await as(reviewer).post(`/api/v1/ops/products/${held.productId}/approve`, {});
    expect(approved.body.state).toBe('listed');
    const c = await caseOf(held.caseId);
    expect(c.state).toBe('resolved');
    expect(c.resolution).toBe('legit');
  });

  it('every unresolved case is in a queue: the listing queue shows the held product with its case', async () => {
    const held = await heldListing('品牌跑鞋 D');
    const queues = await as(reviewer).get('/api/v1/ops/queues');
    expect(queues.status, JSON.stringify(queues.body)).toBe(200);
    const waiting = queues.body.items.reduce((n: number, q: { waiting: number }) => n + q.waiting, 0);
    const openCases = (await as(reviewer).get('/api/v1/ops/trust/cases?state=open&limit=1')).body.total;
    expect(waiting).toBeGreaterThanOrEqual(openCases);
    const listings = await as(reviewer).get('/api/v1/ops/queues/listings/items');
    const item = listings.body.items.find((i: QueueItem) => i.subject.id === held.productId);
    expect(item).toMatchObject({ subject: { type: 'product', id: held.productId }, caseId: held.caseId });
  });
});

describe('ops triage: SLA, claims, bulk decisions', () => {
  it('an item past its queue SLA is overdue and comes first; the SLA is configurable', async () => {
    const old = await heldListing('品牌跑鞋 E');
    ctx.clock.advance(3 * HOUR);
    const fresh = await heldListing('品牌跑鞋 F');
    const refused = await as(ruleAdmin).put('/api/v1/ops/queues/listings/sla', { slaMinutes: 0 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].field).toBe('slaMinutes');
    const set = await as(ruleAdmin).put('/api/v1/ops/queues/listings/sla', { slaMinutes: 120 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await as(reviewer).put('/api/v1/ops/queues/listings/sla', { slaMinutes: 60 })).status).toBe(403);
    const items: QueueItem[] = (await as(reviewer).get('/api/v1/ops/queues/listings/items')).body.items;
    const oldItem = items.find((i) => i.subject.id === old.productId)!;
    const freshItem = items.find((i) => i.subject.id === fresh.productId)!;
    expect(oldItem.overdue).toBe(true);
    expect(freshItem.overdue).toBe(false);
    expect(items.indexOf(oldItem)).toBeLessThan(items.indexOf(freshItem));
    const overdueIndex = items.map((i) => i.overdue).lastIndexOf(true);
    const firstFine = items.findIndex((i) => !i.overdue);
    expect(firstFine === -1 || overdueIndex < firstFine).toBe(true);
    const listing = (await as(reviewer).get('/api/v1/ops/queues')).body.items.find(
      (q: { queue: string }) => q.queue === 'listings',
    );
    expect(listing.slaMinutes).toBe(120);
    expect(listing.overdue).toBeGreaterThanOrEqual(1);
  });

  it('a claimed item shows its holder; another reviewer decides it only by taking it over', async () => {
    const held = await heldListing('品牌跑鞋 G');
    const subject = { type: 'product', id: held.productId };
    const claimed = await as(reviewer).post('/api/v1/ops/queues/listings/claims', { subject });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    const items: QueueItem[] = (await as(reviewer2).get('/api/v1/ops/queues/listings/items')).body.items;
    expect(items.find((i) => i.subject.id === held.productId)!.claim).toMatchObject({
      holderId: reviewer.id,
    });

    const refused = await as(reviewer2).post('/api/v1/ops/queues/listings/decisions', {
      subjects: [subject],
      decision: 'approve',
      reason: '资料齐全',
    });
    expect(refused.status).toBe(200);
    expect(refused.body.results[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await productState(held.productId)).toBe('in_review');

    const taken = await as(reviewer2).post('/api/v1/ops/queues/listings/decisions', {
      subjects: [subject],
      decision: 'approve',
      reason: '资料齐全',
      takeOver: true,
    });
    expect(taken.body.results[0]).toMatchObject({ ok: true });
    expect(await productState(held.productId)).toBe('listed');
    expect((await caseOf(held.caseId)).resolvedBy).toBe(reviewer2.id);
  });

  it('a bulk rejection with one reason reports each item: decided ones succeed, an already decided one fails', async () => {
    const a = await heldListing('品牌跑鞋 H');
    const b = await heldListing('品牌跑鞋 I');
    await as(reviewer).post(`/api/v1/ops/products/${b.productId}/approve`, {});
    const noReason = await as(reviewer).post('/api/v1/ops/queues/listings/decisions', {
      subjects: [{ type: 'product', id: a.productId }],
      decision: 'reject',
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields[0].field).toBe('reason');
    const bulk = await as(reviewer).post('/api/v1/ops/queues/listings/decisions', {
      subjects: [
        { type: 'product', id: a.productId },
        { type: 'product', id: b.productId },
      ],
      decision: 'reject',
      reason: '品牌授权不清',
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    expect(bulk.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
    expect(await productState(a.productId)).toBe('rejected');
    expect(await productState(b.productId)).toBe('listed');
    expect((await caseOf(a.caseId)).resolution).toBe('fraud');
  });
});

describe('content cases: the text as written in the queue, and deciding the case decides the content', () => {
  /** A live comment the content checkpoint held back for review (flagged, with its open case). */
  let room: Promise<{ sessionId: number }> | undefined;
  async function heldComment(text: string) {
    const buyer = await buildBuyer(ctx);
    room ??= buildLiveSession(ctx, { hostUserId: shop.owner.id, shopId: shop.shopId }, { state: 'live' });
    const { sessionId } = await room;
    return ctx.db.transaction().execute(async (tx) => {
      const comment = await tx
        .insertInto('liveComments')
        .values({ sessionId, userId: buyer.id, text })
        .returning('id')
        .executeTakeFirstOrThrow();
      const decision = await decide(tx, {
        checkpoint: 'live_comment',
        subject: { type: 'live_comment', id: comment.id },
        facts: { screening_risk: 'medium' },
        now: ctx.clock.now(),
      });
      expect(decision.outcome).toBe('review');
      await tx
        .updateTable('liveComments')
        .set({ state: 'hidden', hiddenReason: 'held for review', decisionId: decision.decisionId })
        .where('id', '=', comment.id)
        .execute();
      return { commentId: comment.id, caseId: decision.caseId! };
    });
  }
  const commentState = async (id: number) =>
    (await ctx.db.selectFrom('liveComments').select('state').where('id', '=', id).executeTakeFirstOrThrow())
      .state;

  it('the content queue shows the comment as written; approving shows it to everyone, rejecting hides it', async () => {
    const fine = await heldComment('这个颜色私信我再说');
    const bad = await heldComment('加我微信便宜卖');
    const items: QueueItem[] = (await as(reviewer).get('/api/v1/ops/queues/content/items')).body.items;
    const item = items.find((i) => i.subject.type === 'live_comment' && i.subject.id === fine.commentId);
    expect(item).toMatchObject({ caseId: fine.caseId, title: '这个颜色私信我再说' });

    const approved = await as(reviewer).post('/api/v1/ops/queues/content/decisions', {
      subjects: [{ type: 'live_comment', id: fine.commentId }],
      decision: 'approve',
    });
    expect(approved.body.results[0].ok, JSON.stringify(approved.body)).toBe(true);
    expect(await commentState(fine.commentId)).toBe('visible');
    expect((await caseOf(fine.caseId)).resolution).toBe('legit');

    // The case page decides the same way.
    await as(reviewer).post(`/api/v1/ops/trust/cases/${bad.caseId}/resolve`, {
      resolution: 'fraud',
      note: '引导站外交易',
    });
    expect(await commentState(bad.commentId)).toBe('hidden');
  });
});
