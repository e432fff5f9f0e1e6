import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildOps,
  buildShop,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { defaultConfig } from '../configuration/index.ts';
import { ipTakedownsOf } from './complaints.service.ts';

const COUNTER_NOTICE_WINDOW_MS = defaultConfig.governance.counterNoticeWindowMs;

let ctx: TestContext;
let reviewer: TestUser;
const V = '/api/v1';

beforeAll(async () => {
  ctx = await createTestContext();
  reviewer = await buildOps(ctx, ['reviewer']);
});

/** A PNG upload of `user` (unique bytes), for evidence. */
async function evidence(user: TestUser): Promise<number> {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(32)]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `${V}/evidence-files`,
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'image/png' },
    payload: png,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function brand(): Promise<number> {
  const row = await ctx.db
    .insertInto('brands')
    .values({ name: `品牌-${randomBytes(4).toString('hex')}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A listed product of a fresh shop carrying `brandId`. */
async function brandedProduct(brandId: number | null) {
  const shop = await buildShop(ctx);
  const { productId } = await buildListedProduct(ctx, shop.shopId);
  await ctx.db.updateTable('products').set({ brandId }).where('id', '=', productId).execute();
  return { shop, productId };
}

const productState = async (id: number) =>
  (await ctx.db.selectFrom('products').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

async function holder(): Promise<TestUser> {
  const user = await buildBuyer(ctx);
  const res = await api(ctx.app, user.token).post(`${V}/ip/rights-holders`, {
    name: '某品牌有限公司',
    contact: 'ip@brand.example',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return user;
}

/** A holder certified by ops for `brandId`. */
async function certifiedHolder(brandId: number): Promise<TestUser> {
  const user = await holder();
  const claim = await api(ctx.app, user.token).post(`${V}/ip/certifications`, {
    brandId,
    trademarkNo: '12345678',
    evidenceFileIds: [await evidence(user)],
  });
  expect(claim.status, JSON.stringify(claim.body)).toBe(201);
  // A fresh reviewer: tests move the clock by weeks, past the lifetime of older tokens.
  const certifier = await buildOps(ctx, ['reviewer']);
  const decided = await api(ctx.app, certifier.token).post(
    `${V}/ip/certifications/${claim.body.id}/decision`,
    {
      approve: true,
      note: '注册证与授权链核实',
    },
  );
  expect(decided.body.state).toBe('certified');
  return user;
}

async function complain(user: TestUser, productId: number, reason = 'counterfeit') {
  return api(ctx.app, user.token).post(`${V}/ip/complaints`, {
    productId,
    reason,
    text: '售假：非品牌授权渠道，做工与正品不符',
    evidenceFileIds: [await evidence(user)],
  });
}

describe('rights holders and brand certification', () => {
  it('a buyer registers once; claims a brand; ops certify it; the profile lists the certification', async () => {
    const user = await holder();
    const again = await api(ctx.app, user.token).post(`${V}/ip/rights-holders`, { name: 'x', contact: 'y' });
    expect(again.status).toBe(409);
    const brandId = await brand();
    const claim = await api(ctx.app, user.token).post(`${V}/ip/certifications`, {
      brandId,
      trademarkNo: 'G1234567',
      evidenceFileIds: [await evidence(user)],
      note: '马德里国际注册',
    });
    expect(claim.body).toMatchObject({ state: 'pending', brand: { id: brandId }, trademarkNo: 'G1234567' });
    const duplicate = await api(ctx.app, user.token).post(`${V}/ip/certifications`, {
      brandId,
      trademarkNo: '7654321',
      evidenceFileIds: [await evidence(user)],
    });
    expect(duplicate.status).toBe(409);

    const queue = await api(ctx.app, reviewer.token).get(`${V}/ip/certifications`);
    expect(queue.body.items.map((c: { id: number }) => c.id)).toContain(claim.body.id);
    const path = `${V}/ip/certifications/${claim.body.id}/decision`;
    expect((await api(ctx.app, reviewer.token).post(path, { approve: true, note: '核实' })).body.state).toBe(
      'certified',
    );
    const twice = await api(ctx.app, reviewer.token).post(path, { approve: false, note: '改判' });
    expect(twice.status).toBe(409);
    const me = await api(ctx.app, user.token).get(`${V}/me/ip/rights-holder`);
    expect(me.body.certifications).toEqual([
      expect.objectContaining({ id: claim.body.id, state: 'certified' }),
    ]);
  });

  it('an account without a profile must register first; bad claims name their field and write nothing', async () => {
    const plain = await buildBuyer(ctx);
    const brandId = await brand();
    const file = await evidence(plain);
    const unregistered = await api(ctx.app, plain.token).post(`${V}/ip/certifications`, {
      brandId,
      trademarkNo: '12345678',
      evidenceFileIds: [file],
    });
    expect(unregistered.status).toBe(409);
    expect(unregistered.body.error.details).toEqual({
      required: 'rights holder profile',
      key: 'rights_holder_first',
      params: {},
    });
    expect((await api(ctx.app, plain.token).get(`${V}/me/ip/rights-holder`)).status).toBe(404);

    const user = await holder();
    const own = await evidence(user);
    const cases: [object, string][] = [
      [{ brandId, trademarkNo: '商标123', evidenceFileIds: [own] }, 'trademarkNo'],
      [{ brandId, trademarkNo: '12345678', evidenceFileIds: [] }, 'evidenceFileIds'],
      [{ brandId: 2 ** 31, trademarkNo: '12345678', evidenceFileIds: [own] }, 'brandId'],
      [{ brandId, trademarkNo: '12345678', evidenceFileIds: [file] }, 'fileIds'],
    ];
    for (const [body, field] of cases) {
      const before = await tableCounts(ctx.db);
      const res = await api(ctx.app, user.token).post(`${V}/ip/certifications`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await tableCounts(ctx.db)).toEqual(before);
    }
  });
});

describe('complaints', () => {
  it('fast channel: a holder certified for the brand takes the product down at once; the merchant is told', async () => {
    const brandId = await brand();
    const user = await certifiedHolder(brandId);
    const { shop, productId } = await brandedProduct(brandId);
    const filed = await complain(user, productId);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ channel: 'fast', state: 'upheld', brandId, shopId: shop.shopId });
    expect(new Date(filed.body.counterNoticeDueAt).getTime()).toBe(
      ctx.clock.now().getTime() + COUNTER_NOTICE_WINDOW_MS,
    );
    expect(await productState(productId)).toBe('delisted');
    expect(await ipTakedownsOf(ctx.db, productId)).toEqual([{ complaintId: filed.body.id, state: 'upheld' }]);

    const notices = await api(ctx.app, shop.owner.token).get(`${V}/shops/${shop.shopId}/ip-complaints`);
    expect(notices.body.items.map((c: { id: number }) => c.id)).toEqual([filed.body.id]);
    const detail = await api(ctx.app, shop.owner.token).get(`${V}/ip/complaints/${filed.body.id}`);
    expect(detail.body.events).toEqual([
      expect.objectContaining({
        fromState: null,
        toState: 'upheld',
        note: expect.stringContaining('fast channel'),
      }),
    ]);
    const events = await ctx.db
      .selectFrom('productEvents')
      .select(['toState', 'reason'])
      .where('productId', '=', productId)
      .execute();
    expect(events.at(-1)).toEqual({
      toState: 'delisted',
      reason: expect.stringContaining(`IP complaint #${filed.body.id}`),
    });

    // Others see nothing of it.
    const outsider = await buildShop(ctx);
    expect((await api(ctx.app, outsider.owner.token).get(`${V}/ip/complaints/${filed.body.id}`)).status).toBe(
      404,
    );
    expect(
      (await api(ctx.app, (await buildBuyer(ctx)).token).get(`${V}/ip/complaints/${filed.body.id}`)).status,
    ).toBe(404);
    expect(
      (await api(ctx.app, outsider.owner.token).get(`${V}/shops/${shop.shopId}/ip-complaints`)).status,
    ).toBe(404);
    const mine = await api(ctx.app, user.token).get(`${V}/me/ip/complaints`);
    expect(mine.body.items.map((c: { id: number }) => c.id)).toContain(filed.body.id);
    // Holder and merchant read which product it is about, also once it is taken down.
    const { title } = await ctx.db
      .selectFrom('products')
      .select('title')
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();
    expect(mine.body.items.find((c: { id: number }) => c.id === filed.body.id).productTitle).toBe(title);
    expect(notices.body.items[0].productTitle).toBe(title);
    expect(detail.body.productTitle).toBe(title);
    expect((await complain(user, productId)).status).toBe(409);
  });

  it('ops channel: an uncertified holder (or another brand) waits for ops; uphold takes it down, reject leaves it', async () => {
    const brandId = await brand();
    const certifiedElsewhere = await certifiedHolder(await brand());
    const { productId } = await brandedProduct(brandId);
    const { productId: unbranded } = await brandedProduct(null);

    const first = await complain(certifiedElsewhere, productId, 'trademark');
    expect(first.body).toMatchObject({ channel: 'ops', state: 'ops_review', counterNoticeDueAt: null });
    const second = await complain(await holder(), unbranded, 'copyright');
    expect(second.body).toMatchObject({ channel: 'ops', state: 'ops_review', brandId: null });
    expect(await productState(productId)).toBe('listed');
    const queue = await api(ctx.app, reviewer.token).get(`${V}/ip/complaints`);
    expect(queue.body.items.map((c: { id: number }) => c.id)).toEqual(
      expect.arrayContaining([first.body.id, second.body.id]),
    );

    const upheld = await api(ctx.app, reviewer.token).post(`${V}/ip/complaints/${first.body.id}/decision`, {
      uphold: true,
      note: '商标近似，易混淆',
    });
    expect(upheld.body).toMatchObject({ state: 'upheld' });
    expect(upheld.body.counterNoticeDueAt).not.toBeNull();
    expect(await productState(productId)).toBe('delisted');
    const rejected = await api(ctx.app, reviewer.token).post(
      `${V}/ip/complaints/${second.body.id}/decision`,
      {
        uphold: false,
        note: '证据不足',
      },
    );
    expect(rejected.body.state).toBe('rejected');
    expect(await productState(unbranded)).toBe('listed');
    const again = await api(ctx.app, reviewer.token).post(`${V}/ip/complaints/${second.body.id}/decision`, {
      uphold: true,
      note: '改判',
    });
    expect(again.status).toBe(409);
    // refused by the machine (rejected is final): nothing taken down, nothing added to the timeline
    expect(again.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'rejected' } });
    expect(await productState(unbranded)).toBe('listed');
    const events = await ctx.db
      .selectFrom('ipComplaintEvents')
      .select('toState')
      .where('complaintId', '=', second.body.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.toState)).toEqual(['ops_review', 'rejected']);
  });

  it('counter-notice: the merchant answers within the window; ops restore the product to listing review', async () => {
    const brandId = await brand();
    const user = await certifiedHolder(brandId);
    const { shop, productId } = await brandedProduct(brandId);
    const filed = await complain(user, productId);
    const url = `${V}/ip/complaints/${filed.body.id}/counter-notice`;
    const outsider = await buildShop(ctx);
    const intruder = await api(ctx.app, outsider.owner.token).post(url, {
      text: '我们有授权',
      evidenceFileIds: [await evidence(outsider.owner)],
    });
    expect(intruder.status).toBe(404);
    const foreignFile = await api(ctx.app, shop.owner.token).post(url, {
      text: '授权书',
      evidenceFileIds: [await evidence(user)],
    });
    expect(foreignFile.body.error.details.fields[0].field).toBe('fileIds');

    const counter = await api(ctx.app, shop.owner.token).post(url, {
      text: '我们是品牌授权经销商，附授权书与进货发票',
      evidenceFileIds: [await evidence(shop.owner)],
    });
    expect(counter.status, JSON.stringify(counter.body)).toBe(200);
    expect(counter.body).toMatchObject({
      state: 'counter_noticed',
      counterNoticeDueAt: filed.body.counterNoticeDueAt,
    });
    expect(counter.body).toMatchObject({
      counterBy: shop.owner.id,
      counterEvidenceFileIds: [expect.any(Number)],
      counterText: expect.stringContaining('授权'),
    });
    const pending = await ctx.db
      .selectFrom('deadlines')
      .select('status')
      .where('kind', '=', 'ip.counter_notice_window')
      .where('subjectId', '=', filed.body.id)
      .executeTakeFirstOrThrow();
    expect(pending.status).toBe('cancelled');

    const queue = await api(ctx.app, reviewer.token).get(`${V}/ip/complaints?state=counter_noticed`);
    expect(queue.body.items.map((c: { id: number }) => c.id)).toContain(filed.body.id);
    const restored = await api(ctx.app, reviewer.token).post(
      `${V}/ip/complaints/${filed.body.id}/counter-notice/decision`,
      {
        restore: true,
        note: '授权链完整',
      },
    );
    expect(restored.body.state).toBe('restored');
    expect(await productState(productId)).toBe('in_review');
    expect(await ipTakedownsOf(ctx.db, productId)).toEqual([]);
    expect(restored.body.events.map((e: { toState: string }) => e.toState)).toEqual([
      'upheld',
      'counter_noticed',
      'restored',
    ]);
  });

  it('ops may refuse a counter-notice: the takedown is confirmed and the product stays down', async () => {
    const brandId = await brand();
    const user = await certifiedHolder(brandId);
    const { shop, productId } = await brandedProduct(brandId);
    const filed = await complain(user, productId);
    await api(ctx.app, shop.owner.token).post(`${V}/ip/complaints/${filed.body.id}/counter-notice`, {
      text: '不同意',
      evidenceFileIds: [await evidence(shop.owner)],
    });
    const confirmed = await api(ctx.app, reviewer.token).post(
      `${V}/ip/complaints/${filed.body.id}/counter-notice/decision`,
      {
        restore: false,
        note: '授权书伪造',
      },
    );
    expect(confirmed.body.state).toBe('confirmed');
    expect(await productState(productId)).toBe('delisted');
    expect(await ipTakedownsOf(ctx.db, productId)).toEqual([
      { complaintId: filed.body.id, state: 'confirmed' },
    ]);
  });

  it('the window closes: a late counter-notice is refused, and the deadline confirms the takedown', async () => {
    const brandId = await brand();
    const user = await certifiedHolder(brandId);
    const { shop, productId } = await brandedProduct(brandId);
    const filed = await complain(user, productId);
    const file = await evidence(shop.owner);
    ctx.clock.advance(COUNTER_NOTICE_WINDOW_MS + 1);
    const url = `${V}/ip/complaints/${filed.body.id}/counter-notice`;
    const late = await api(ctx.app, shop.owner.token).post(url, { text: '晚了', evidenceFileIds: [file] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('deadline_passed');
    await ctx.deadlines.runDue();
    const detail = await api(ctx.app, user.token).get(`${V}/ip/complaints/${filed.body.id}`);
    expect(detail.body.state).toBe('confirmed');
    expect(detail.body.events.at(-1).note).toContain('No counter-notice');
    const after = await api(ctx.app, shop.owner.token).post(url, { text: '再试', evidenceFileIds: [file] });
    expect(after.body.error.code).toBe('invalid_transition');
    expect(await productState(productId)).toBe('delisted');
  });

  it('a counter-notice racing the end of the window gets one outcome: counter-noticed or confirmed, never both', async () => {
    for (let round = 0; round < 5; round++) {
      const brandId = await brand();
      const user = await certifiedHolder(brandId);
      const { shop, productId } = await brandedProduct(brandId);
      const filed = await complain(user, productId);
      const file = await evidence(shop.owner);
      // At the due instant both may act: the runner fires a deadline due now, the merchant is still in time.
      ctx.clock.set(filed.body.counterNoticeDueAt);
      const [counter] = await Promise.all([
        api(ctx.app, shop.owner.token).post(`${V}/ip/complaints/${filed.body.id}/counter-notice`, {
          text: '最后一刻提交的授权书',
          evidenceFileIds: [file],
        }),
        ctx.deadlines.runDue(),
      ]);
      const detail = await api(ctx.app, user.token).get(`${V}/ip/complaints/${filed.body.id}`);
      const moves = detail.body.events.map((e: { toState: string }) => e.toState);
      if (counter.status === 200) expect(moves).toEqual(['upheld', 'counter_noticed']);
      else {
        expect(counter.body.error.code).toBe('invalid_transition');
        expect(moves).toEqual(['upheld', 'confirmed']);
      }
      const deadline = await ctx.db
        .selectFrom('deadlines')
        .select('status')
        .where('kind', '=', 'ip.counter_notice_window')
        .where('subjectId', '=', filed.body.id)
        .executeTakeFirstOrThrow();
      expect(deadline.status).toBe(counter.status === 200 ? 'cancelled' : 'done');
    }
  });

  it('bad complaints name their field and write nothing', async () => {
    const user = await holder();
    const own = await evidence(user);
    const { productId } = await brandedProduct(null);
    const cases: [object, string][] = [
      [{ productId, reason: 'dislike', text: 'x', evidenceFileIds: [own] }, 'reason'],
      [{ productId, reason: 'counterfeit', text: '', evidenceFileIds: [own] }, 'text'],
      [{ productId, reason: 'counterfeit', text: 'x', evidenceFileIds: [] }, 'evidenceFileIds'],
      [{ productId: 2 ** 31, reason: 'counterfeit', text: 'x', evidenceFileIds: [own] }, 'productId'],
    ];
    for (const [body, field] of cases) {
      const before = await tableCounts(ctx.db);
      const res = await api(ctx.app, user.token).post(`${V}/ip/complaints`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await tableCounts(ctx.db)).toEqual(before);
    }
  });
});
