import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCategory,
  buildListedProduct,
  buildOps,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { isResidentIdNumber } from './onboarding.rule.ts';

const V = '/api/v1';
const LICENCE = '91350100M000100Y43';

let ctx: TestContext;
let categoryId: number;
let seq = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  categoryId = (await buildCategory(ctx, { depositFen: 500_000 })).id;
});

const as = (user: TestUser) => api(ctx.app, user.token);

// A fresh valid ID number each time: three registrations with one ID in 30 days send it to review.
let idSeq = 100;
function freshId(): string {
  const base = `32010219800101${String(idSeq++).padStart(3, '0')}`;
  return [...'0123456789X'].map((c) => base + c).find(isResidentIdNumber)!;
}

async function open(
  owner: TestUser,
  body: { type?: string; onboarding?: Record<string, string> } = {},
  device?: string,
) {
  seq += 1;
  return as(owner).post(
    `${V}/shops`,
    {
      name: `入驻测试-${seq}-${randomBytes(3).toString('hex')}`,
      type: 'individual',
      mainCategoryId: categoryId,
      ...body,
    },
    device ? { 'x-device-id': device } : {},
  );
}

const decisionsOf = (userId: number) =>
  ctx.db
    .selectFrom('trustDecisions')
    .select(['outcome', 'fired'])
    .where('checkpoint', '=', 'merchant_onboarding')
    .where('subjectId', '=', userId)
    .where('shadow', '=', false)
    .execute();
const shopsOf = (userId: number) =>
  ctx.db.selectFrom('shops').select('id').where('ownerUserId', '=', userId).execute();

/**
 * Governance closes the shop and blacklists its owner (product rules §6): 30 points, then a fraudulent
 * trading violation (blacklist) passing 48 (closure). Fines need the deposit paid first.
 */
async function closeAndBlacklist(shopId: number, owner: TestUser) {
  const reviewer = await buildOps(ctx, ['reviewer']);
  const paid = await as(owner).post(
    `${V}/shops/${shopId}/deposit/payments`,
    { amountFen: 1_000_000 },
    { 'idempotency-key': `onb-${randomBytes(6).toString('hex')}` },
  );
  expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  for (const [code, points] of [
    ['off_platform_trade', 30],
    ['fraudulent_trading', undefined],
  ] as const) {
    const v = await as(reviewer).post(`${V}/ops/violations`, {
      shopId,
      code,
      ...(points !== undefined ? { points } : {}),
      subject: { type: 'shop', id: null },
      evidence: { text: `${code}: 证据 evidence` },
    });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
  }
  expect((await api(ctx.app).get(`${V}/shops/${shopId}`)).body.state).toBe('closed');
}

describe('merchant onboarding', () => {
  it('opens a verified merchant’s shop at risk tier low, shown on the shop', async () => {
    const owner = await buildUser(ctx, 'merchant');
    const res = await open(
      owner,
      { onboarding: { idNumber: freshId(), phone: '138 0000 0001' } },
      'dev-clean',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      state: 'probation',
      riskTier: 'low',
      onboarding: { outcome: 'allow', reasons: [], caseId: null },
    });
    const shown = await api(ctx.app).get(`${V}/shops/${res.body.id}`);
    expect(shown.body.riskTier).toBe('low');
    // the identifiers are linked to the owner and the shop, for a later blacklist
    const links = await ctx.db
      .selectFrom('trustEntities')
      .select(['entityType', 'userId', 'shopId'])
      .where('shopId', '=', res.body.id)
      .execute();
    expect(links.map((l) => l.entityType).sort()).toEqual(['device', 'id_number', 'phone']);
    expect(links.every((l) => l.userId === owner.id)).toBe(true);
  });

  it('opens an enterprise with a valid licence at tier low; without one it goes to review at tier high', async () => {
    const verified = await open(await buildUser(ctx, 'merchant'), {
      type: 'enterprise',
      onboarding: { idNumber: freshId(), businessLicenceNo: LICENCE },
    });
    expect(verified.body).toMatchObject({ riskTier: 'low', onboarding: { outcome: 'allow' } });

    const owner = await buildUser(ctx, 'merchant');
    const res = await open(owner, { type: 'enterprise', onboarding: { idNumber: freshId() } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'probation',
      riskTier: 'high',
      onboarding: {
        outcome: 'review',
        reasons: [{ en: 'Identity or business licence not verified' }],
        caseId: expect.any(Number),
      },
    });
    const opened = await ctx.db
      .selectFrom('trustCases')
      .select(['checkpoint', 'subjectType', 'subjectId', 'state'])
      .where('id', '=', res.body.onboarding.caseId)
      .executeTakeFirstOrThrow();
    expect(opened).toEqual({
      checkpoint: 'merchant_onboarding',
      subjectType: 'user',
      subjectId: owner.id,
      state: 'open',
    });
  });

  it('sends an unverified ID (bad check digit, or none) to review at tier high', async () => {
    const unverified: Record<string, string>[] = [{ idNumber: '110105194912310021' }, {}];
    for (const onboarding of unverified) {
      const res = await open(await buildUser(ctx, 'merchant'), { onboarding });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ riskTier: 'high', onboarding: { outcome: 'review' } });
    }
  });

  it('refuses a merchant blacklisted by governance who comes back with the same phone, ID or device', async () => {
    const banned = await buildUser(ctx, 'merchant');
    const phone = '13912345678';
    const first = await open(
      banned,
      { onboarding: { idNumber: '44030419900307123X', phone, payoutAccount: '6222 0000 1111 2222' } },
      'dev-banned',
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await closeAndBlacklist(first.body.id, banned);

    // another account, the same phone written differently
    const again = await buildUser(ctx, 'merchant');
    const refused = await open(again, { onboarding: { idNumber: freshId(), phone: '139-1234-5678' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'onboarding_blocked',
      message: expect.stringContaining('Linked to a blacklisted merchant'),
    });
    expect(await shopsOf(again.id)).toEqual([]);
    // the refusal is stored for audit, with the rule that fired
    const stored = await decisionsOf(again.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ outcome: 'block', fired: [{ id: 'blacklist-link' }] });

    // the same ID number (lower-case x), the same payout account, or the same device: refused too
    for (const [onboarding, device] of [
      [{ idNumber: '44030419900307123x' }, undefined],
      [{ idNumber: freshId(), payoutAccount: '6222000011112222' }, undefined],
      [{ idNumber: freshId() }, 'dev-banned'],
    ] as const) {
      const other = await buildUser(ctx, 'merchant');
      const res = await open(other, { onboarding }, device);
      expect(res.status, JSON.stringify(onboarding)).toBe(403);
      expect(await shopsOf(other.id)).toEqual([]);
    }
  });

  it('counts registrations: a fourth shop with one phone in 30 days goes to review', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await open(await buildUser(ctx, 'merchant'), {
        onboarding: { idNumber: freshId(), phone: '135 0000 1111' },
      });
      expect(res.status).toBe(201);
      outcomes.push(`${res.body.onboarding.outcome}/${res.body.riskTier}`);
    }
    expect(outcomes).toEqual(['allow/low', 'allow/low', 'allow/low', 'review/high']);
  });

  it('refuses the blacklisted owner’s own account: its phone is on the blacklist', async () => {
    const owner = await buildUser(ctx, 'merchant');
    await ctx.db.updateTable('users').set({ phone: '13711112222' }).where('id', '=', owner.id).execute();
    const first = await open(owner, { onboarding: { idNumber: freshId() } });
    expect(first.status).toBe(201);
    await closeAndBlacklist(first.body.id, owner);
    const res = await open(owner, { onboarding: {} });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('onboarding_blocked');
  });
});

describe('probation listing limit by risk tier', () => {
  it('refuses a high-tier probation shop’s 11th product in review or listed, and lifts the limit once active', async () => {
    const owner = await buildUser(ctx, 'merchant');
    const opened = await open(owner, { onboarding: {} });
    expect(opened.body.riskTier).toBe('high');
    const shopId: number = opened.body.id;
    for (let i = 0; i < 10; i++) await buildListedProduct(ctx, shopId);

    const draft = await as(owner).post(`${V}/shops/${shopId}/products`, {
      title: '新品',
      categoryId,
      skus: [{ code: 'A', spec: '默认', priceFen: 1_000, stock: 5 }],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const submit = () => as(owner).post(`${V}/shops/${shopId}/products/${draft.body.id}/submit`);
    const refused = await submit();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'probation_limit_reached',
      details: { limit: 10, riskTier: 'high', current: 10 },
    });
    expect(refused.body.error.message).toContain('at most 10 products');
    const product = await ctx.db
      .selectFrom('products')
      .select('state')
      .where('id', '=', draft.body.id)
      .executeTakeFirstOrThrow();
    expect(product.state).toBe('draft');

    await ctx.db.updateTable('shops').set({ state: 'active' }).where('id', '=', shopId).execute();
    expect((await submit()).status).toBe(200);
  });

  it('two submissions at once for the last place: one is taken, the other refused', async () => {
    const owner = await buildUser(ctx, 'merchant');
    const shopId: number = (await open(owner, { onboarding: {} })).body.id;
    for (let i = 0; i < 9; i++) await buildListedProduct(ctx, shopId);
    const drafts = await Promise.all(
      [1, 2].map(() =>
        as(owner).post(`${V}/shops/${shopId}/products`, {
          title: '新品',
          categoryId,
          skus: [{ code: 'A', spec: '默认', priceFen: 1_000, stock: 5 }],
        }),
      ),
    );
    const statuses = await Promise.all(
      drafts.map((d) => as(owner).post(`${V}/shops/${shopId}/products/${d.body.id}/submit`)),
    );
    expect(statuses.map((r) => r.status).sort()).toEqual([200, 409]);
    const counted = await ctx.db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('shopId', '=', shopId)
      .where('state', 'in', ['listed', 'in_review'])
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(10);
  });

  it('lets a low-tier probation shop past 10', async () => {
    const owner = await buildUser(ctx, 'merchant');
    const opened = await open(owner, { onboarding: { idNumber: freshId() } });
    expect(opened.body.riskTier).toBe('low');
    const shopId: number = opened.body.id;
    for (let i = 0; i < 10; i++) await buildListedProduct(ctx, shopId);
    const draft = await as(owner).post(`${V}/shops/${shopId}/products`, {
      title: '新品',
      categoryId,
      skus: [{ code: 'A', spec: '默认', priceFen: 1_000, stock: 5 }],
    });
    expect((await as(owner).post(`${V}/shops/${shopId}/products/${draft.body.id}/submit`)).status).toBe(200);
  });
});
