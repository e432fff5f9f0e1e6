import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildLiveSession,
  buildOps,
  buildPaidOrder,
  buildShop,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { openConversationAs } from '../chat/chat.test-support.ts';

// Issue 17: screening for the surface a text is written on, with the model beside the lexicon; what a
// screening saw is kept with its decision and shown to ops with the text.
let ctx: TestContext;
let sessionId: number;
let reviewer: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  const host = await buildUser(ctx, 'creator');
  ({ sessionId } = await buildLiveSession(ctx, { hostUserId: host.id }, { state: 'live' }));
  reviewer = await buildOps(ctx, ['reviewer']);
});

const ops = () => api(ctx.app, reviewer.token);

type Evidence = {
  decisionId: number;
  checkpoint: string;
  outcome: string;
  surface: string;
  text: string;
  risk: string;
  categories: string[];
  lexiconVersion: number;
  modelVersion: string;
  changedSince: boolean;
  hits: {
    term: string;
    category: string;
    match: string;
    span: [number, number];
    counted: boolean;
    notCounted: string | null;
  }[];
  model: {
    category: string;
    score: number;
    flagged: boolean;
    high: boolean;
    flagAt: number | null;
    highAt: number | null;
  }[];
};

async function opsView(subjectType: string, subjectId: number) {
  const res = await ops().get(`/api/v1/ops/screening/content/${subjectType}/${subjectId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    content: { text: string; state: string };
    screening: { surface: string; risk: string; hits: Evidence['hits'] };
    evidence: Evidence[];
  };
}

async function comment(text: string) {
  const viewer = await buildBuyer(ctx);
  const res = await api(ctx.app, viewer.token).post(`/api/v1/live/sessions/${sessionId}/comments`, { text });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; state: string };
}

describe('a live comment is screened as a live comment, and ops see what fired at the time', () => {
  it('an evasive QQ number given with the penguin emoji is held, with the evidence kept', async () => {
    // no contact word at all: the emoji carries "QQ" (normalisation) and the model reads the rest
    const text = '有需要的🐧 2345 6789';
    const held = await comment(text);
    expect(held.state).not.toBe('visible');
    const view = await opsView('live_comment', held.id);
    expect(view.content.text).toBe(text);
    const [kept] = view.evidence;
    expect(kept, JSON.stringify(view)).toBeDefined();
    const decision = await ctx.db
      .selectFrom('liveComments')
      .select('decisionId')
      .where('id', '=', held.id)
      .executeTakeFirstOrThrow();
    expect(kept!.decisionId).toBe(decision.decisionId);
    expect(kept).toMatchObject({
      checkpoint: 'live_comment',
      surface: 'live_comment',
      text,
      changedSince: false,
    });
    expect(['medium', 'high']).toContain(kept!.risk);
    expect(['review', 'block']).toContain(kept!.outcome);
    expect(kept!.categories).toContain('off_platform');
    expect(kept!.lexiconVersion).toBeGreaterThanOrEqual(1);
    expect(kept!.modelVersion).toBeTruthy();
    // the lexicon's evidence names the place in the text as written: the emoji and the digits
    const contact = kept!.hits.find((h) => h.category === 'off_platform' && h.counted);
    expect(contact, JSON.stringify(kept!.hits)).toBeDefined();
    expect(text.slice(...contact!.span)).toContain('🐧');
    // the model's evidence carries the surface's thresholds with every score
    for (const m of kept!.model) {
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
      expect(m.flagged).toBe(m.flagAt !== null && m.score >= m.flagAt);
    }
  });

  it('a clean comment passes and leaves no evidence', async () => {
    const shown = await comment('主播这件外套有M码吗？');
    expect(shown.state).toBe('visible');
    expect((await opsView('live_comment', shown.id)).evidence).toEqual([]);
  });

  it('after the lexicon changes, the kept evidence stays as it was and the view says today differs', async () => {
    const text = '想要原单的看我主页';
    const held = await comment(text);
    const before = (await opsView('live_comment', held.id)).evidence[0]!;
    const term = before.hits.find((h) => h.counted && !h.term.startsWith('pattern:'));
    expect(term, JSON.stringify(before.hits)).toBeDefined();
    const rule = await buildOps(ctx, ['rule_admin']);
    const terms = await api(ctx.app, rule.token).get(
      `/api/v1/ops/screening/terms?q=${encodeURIComponent(term!.term.slice(0, 100))}&limit=100`,
    );
    const stored = (terms.body.items as { id: number; term: string }[]).find((t) => t.term === term!.term);
    expect(stored, JSON.stringify(terms.body)).toBeDefined();
    const removed = await api(ctx.app, rule.token).delete(`/api/v1/ops/screening/terms/${stored!.id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    const after = await opsView('live_comment', held.id);
    expect(after.evidence[0]).toMatchObject({
      decisionId: before.decisionId,
      lexiconVersion: before.lexiconVersion,
      changedSince: true,
    });
    expect(after.evidence[0]!.hits.map((h) => h.term)).toContain(term!.term);
    expect(after.screening.hits.map((h) => h.term)).not.toContain(term!.term);
  });
});

describe('a chat message is screened as a chat message', () => {
  it('a held message keeps its evidence for ops', async () => {
    const { shopId } = await buildShop(ctx);
    const buyer = await buildBuyer(ctx);
    const conversation = await openConversationAs(ctx, buyer.token, shopId);
    const text = '商量一下，加我威芯 qwer2023 私下便宜';
    const sent = await api(ctx.app, buyer.token).post(`/api/v1/chat/conversations/${conversation}/messages`, {
      kind: 'text',
      text,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.held).toBe(true);
    const view = await opsView('chat_message', sent.body.id);
    expect(view.evidence[0]).toMatchObject({ checkpoint: 'chat_message', surface: 'chat_message', text });
    expect(view.evidence[0]!.categories).toContain('off_platform');
  });
});

describe('the same words weigh differently on a review and on a listing', () => {
  const words = '今年买过最好的东西，质量没得说';

  it('an honest "best purchase this year" in a review is shown; the entry is kept as not counted here', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const { orderId, buyer } = await buildPaidOrder(ctx, { shopId });
    await api(ctx.app, owner.token).post(`/api/v1/shops/${shopId}/orders/${orderId}/shipment`, {
      carrier: 'sandbox',
      trackingNumber: `EV${Date.now()}AB`,
    });
    const as = api(ctx.app, buyer.token);
    expect((await as.post(`/api/v1/orders/${orderId}/confirm-receipt`)).status).toBe(200);
    const line = await ctx.db
      .selectFrom('orderLines')
      .select('id')
      .where('orderId', '=', orderId)
      .executeTakeFirstOrThrow();
    const review = await as.post(`/api/v1/orders/${orderId}/reviews`, {
      orderLineId: line.id,
      rating: 5,
      text: words,
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    expect(review.body.state).toBe('visible');
    const view = await opsView('review', review.body.id);
    expect(view.screening.surface).toBe('review');
    expect(view.screening.risk).toBe('none');
    const kept = view.evidence[0];
    expect(kept, JSON.stringify(view)).toBeDefined();
    expect(kept).toMatchObject({ surface: 'review', outcome: 'allow', risk: 'none', categories: [] });
    const best = kept!.hits.find((h) => h.category === 'absolute_terms');
    expect(best).toMatchObject({ counted: false, notCounted: 'not_on_surface' });
    expect(words.slice(...best!.span)).toContain('最好');
  });

  it('the same words in a listing title are flagged, and the listing decision keeps the evidence', async () => {
    const { shopId, owner, categoryId } = await buildShop(ctx);
    const as = api(ctx.app, owner.token);
    const created = await as.post(`/api/v1/shops/${shopId}/products`, {
      title: words,
      categoryId,
      skus: [{ code: 'A', priceFen: 3_900, stock: 10 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submitted = await as.post(`/api/v1/shops/${shopId}/products/${created.body.id}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.state).not.toBe('listed');
    const check = await as.get(`/api/v1/shops/${shopId}/products/${created.body.id}/screening`);
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    const title = (check.body.fields as { field: string; hits: Evidence['hits'] }[]).find(
      (f) => f.field === 'title',
    )!;
    expect(title.hits.find((h) => h.category === 'absolute_terms')).toMatchObject({ counted: true });
    expect(['medium', 'high']).toContain(check.body.risk);
    const kept = await ctx.db
      .selectFrom('screeningEvidence')
      .select(['checkpoint', 'surface', 'outcome', 'categories', 'hits'])
      .where('subjectType', '=', 'product')
      .where('subjectId', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ checkpoint: 'product_listing', surface: 'listing' });
    expect(kept.outcome).not.toBe('allow');
    expect(kept.categories).toContain('absolute_terms');
    expect(kept.hits.find((h) => h.category === 'absolute_terms')?.counted).toBe(true);
  });
});

describe('POST /ops/screening/test for a surface', () => {
  it('the surface decides what counts', async () => {
    const text = '今年买过最好的东西，质量没得说';
    const onReview = await ops().post('/api/v1/ops/screening/test', { text, surface: 'review' });
    const onListing = await ops().post('/api/v1/ops/screening/test', { text, surface: 'listing' });
    expect(onReview.status, JSON.stringify(onReview.body)).toBe(200);
    expect(onReview.body).toMatchObject({ surface: 'review', risk: 'none', categories: [] });
    expect(onListing.body.surface).toBe('listing');
    expect(onListing.body.categories).toContain('absolute_terms');
    for (const m of onListing.body.model as Evidence['model']) expect(m.flagAt).not.toBeNull();
  });

  it('refuses a surface it does not know, naming the field', async () => {
    const res = await ops().post('/api/v1/ops/screening/test', { text: '你好', surface: 'billboard' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe('surface');
  });
});
