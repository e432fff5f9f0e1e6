import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildCategory, buildOps, buildUser, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';

const V = '/api/v1';
let ctx: TestContext;
let categoryId: number;
let owner: TestUser;
let staff: { userId: number; token: string };
let stranger: TestUser;
let shopId: number;

const as = (token: string) => api(ctx.app, token);

beforeAll(async () => {
  ctx = await createTestContext();
  categoryId = (await buildCategory(ctx)).id;
  owner = await buildUser(ctx, 'merchant');
  stranger = await buildUser(ctx, 'merchant');
});

describe('opening and running a shop', () => {
  it('opens a shop in probation with the caller as owner', async () => {
    const res = await as(owner.token).post(`${V}/shops`, {
      name: '  小林茶铺 ',
      type: 'individual',
      mainCategoryId: categoryId,
      description: '明前龙井',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '小林茶铺',
      type: 'individual',
      state: 'probation',
      ownerUserId: owner.id,
    });
    shopId = res.body.id;
    const mine = await as(owner.token).get(`${V}/me/shops`);
    expect(mine.body).toEqual([expect.objectContaining({ id: shopId, role: 'owner' })]);
    expect((await api(ctx.app).get(`${V}/shops/${shopId}`)).body.description).toBe('明前龙井');
  });

  it('lets the owner edit the shop', async () => {
    const res = await as(owner.token).patch(`${V}/shops/${shopId}`, { description: '明前龙井，当季新茶' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '小林茶铺', description: '明前龙井，当季新茶' });
  });

  it('lets the owner add staff who can sign in and see the shop', async () => {
    const added = await as(owner.token).post(`${V}/shops/${shopId}/staff`, {
      login: 'xiaolin.staff',
      password: 'staff-password',
      displayName: '小林店员',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ login: 'xiaolin.staff', role: 'staff' });
    const login = await api(ctx.app).post(`${V}/auth/login`, {
      login: 'xiaolin.staff',
      password: 'staff-password',
    });
    expect(login.status).toBe(200);
    staff = { userId: added.body.userId, token: login.body.token };

    const team = await as(staff.token).get(`${V}/shops/${shopId}/staff`);
    expect(team.status).toBe(200);
    expect(team.body.map((m: { userId: number; role: string }) => [m.userId, m.role])).toEqual([
      [owner.id, 'owner'],
      [staff.userId, 'staff'],
    ]);
    expect((await as(staff.token).get(`${V}/me/shops`)).body).toEqual([
      expect.objectContaining({ id: shopId, role: 'staff' }),
    ]);
  });

  it('does not let staff edit the shop or manage staff, changing nothing', async () => {
    const before = await tableCounts(ctx.db);
    const edit = await as(staff.token).patch(`${V}/shops/${shopId}`, { name: '店员改的名' });
    expect(edit.status).toBe(403);
    const add = await as(staff.token).post(`${V}/shops/${shopId}/staff`, {
      login: 'sneaky.staff',
      password: 'password-123',
      displayName: 'x',
    });
    expect(add.status).toBe(403);
    expect((await as(staff.token).delete(`${V}/shops/${shopId}/staff/${staff.userId}`)).status).toBe(403);
    expect(await tableCounts(ctx.db)).toEqual(before);
    expect((await api(ctx.app).get(`${V}/shops/${shopId}`)).body.name).toBe('小林茶铺');
  });

  it('answers another merchant 404 for everything but the public page', async () => {
    const before = await tableCounts(ctx.db);
    const attempts = await Promise.all([
      as(stranger.token).patch(`${V}/shops/${shopId}`, { name: '抢来的店' }),
      as(stranger.token).get(`${V}/shops/${shopId}/staff`),
      as(stranger.token).post(`${V}/shops/${shopId}/staff`, {
        login: 'stranger.staff',
        password: 'password-123',
        displayName: 'x',
      }),
      as(stranger.token).delete(`${V}/shops/${shopId}/staff/${staff.userId}`),
    ]);
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(await tableCounts(ctx.db)).toEqual(before);
    expect((await as(stranger.token).get(`${V}/me/shops`)).body).toEqual([]);
  });

  it('lets the owner remove staff, who then lose access', async () => {
    expect((await as(owner.token).delete(`${V}/shops/${shopId}/staff/${staff.userId}`)).status).toBe(200);
    expect((await as(staff.token).get(`${V}/shops/${shopId}/staff`)).status).toBe(404);
    expect((await as(owner.token).delete(`${V}/shops/${shopId}/staff/${staff.userId}`)).status).toBe(404);
    expect((await as(owner.token).delete(`${V}/shops/${shopId}/staff/${owner.id}`)).status).toBe(404);
  });

  it('refuses shops to buyers and anonymous callers', async () => {
    const body = { name: '买家的店', type: 'individual', mainCategoryId: categoryId };
    expect((await as((await buildBuyer(ctx)).token).post(`${V}/shops`, body)).status).toBe(403);
    expect((await api(ctx.app).post(`${V}/shops`, body)).status).toBe(401);
  });
});

describe('shop states (ops)', () => {
  it('moves a shop through its states with a recorded history', async () => {
    const admin = await buildOps(ctx, ['super_admin']);
    const reviewer = await buildOps(ctx, ['reviewer']);
    const url = `${V}/ops/shops/${shopId}/state`;
    expect((await as(reviewer.token).post(url, { state: 'active', reason: '满90天' })).status).toBe(403);
    expect((await as(owner.token).post(url, { state: 'active', reason: '我自己来' })).status).toBe(403);

    expect((await as(admin.token).post(url, { state: 'active', reason: '满90天' })).body.state).toBe(
      'active',
    );
    ctx.clock.advance(60_000);
    expect(
      (await as(admin.token).post(url, { state: 'restricted', reason: '违规扣分满12分' })).body.state,
    ).toBe('restricted');
    const back = await as(admin.token).post(url, { state: 'probation', reason: '回到新手期' });
    expect(back.status).toBe(409);
    expect(back.body.error).toMatchObject({
      code: 'invalid_transition',
      details: { from: 'restricted', to: 'probation' },
    });

    const history = await ctx.db
      .selectFrom('shopEvents')
      .select(['fromState', 'toState', 'actorId', 'reason', 'at'])
      .where('shopId', '=', shopId)
      .orderBy('id')
      .execute();
    expect(history.map((e) => [e.fromState, e.toState, e.actorId, e.reason])).toEqual([
      ['probation', 'active', admin.id, '满90天'],
      ['active', 'restricted', admin.id, '违规扣分满12分'],
    ]);
    expect(history[1]!.at.getTime() - history[0]!.at.getTime()).toBe(60_000);
    expect((await api(ctx.app).get(`${V}/shops/${shopId}`)).body.state).toBe('restricted');
  });

  it('answers 404 for an unknown shop', async () => {
    const admin = await buildOps(ctx);
    const res = await as(admin.token).post(`${V}/ops/shops/999999/state`, { state: 'active', reason: 'x' });
    expect(res.status).toBe(404);
  });
});

describe('bad input to shop writes', () => {
  const long = (n: number) => '长'.repeat(n);
  const newShop = (extra: object) => () => ({
    name: '新店',
    type: 'enterprise',
    mainCategoryId: categoryId,
    ...extra,
  });
  const newStaff = (extra: object) => ({
    login: 'new.staff',
    password: 'password-123',
    displayName: '店员',
    ...extra,
  });

  type Case = [name: string, body: object | (() => object), field: string, status?: number];
  const routes: { route: string; url: () => string; cases: Case[] }[] = [
    {
      route: 'POST /shops',
      url: () => `${V}/shops`,
      cases: [
        ['no name', () => ({ type: 'enterprise', mainCategoryId: categoryId }), 'name'],
        ['a blank name', newShop({ name: '   ' }), 'name'],
        ['a name too long', newShop({ name: long(41) }), 'name'],
        ['a name of the wrong type', newShop({ name: { zh: '店' } }), 'name'],
        ['a name already taken', newShop({ name: '小林茶铺' }), 'name', 409],
        ['an unknown shop type', newShop({ type: 'megastore' }), 'type'],
        ['an unknown category', newShop({ mainCategoryId: 999_999 }), 'mainCategoryId'],
        ['category 0', newShop({ mainCategoryId: 0 }), 'mainCategoryId'],
        ['a category id in words', newShop({ mainCategoryId: 'tea' }), 'mainCategoryId'],
        ['a description too long', newShop({ description: long(2_001) }), 'description'],
        ['a state', newShop({ state: 'active' }), 'state'],
        ['an owner', newShop({ ownerUserId: 1 }), 'ownerUserId'],
      ],
    },
    {
      route: 'PATCH /shops/:id',
      url: () => `${V}/shops/${shopId}`,
      cases: [
        ['nothing to change', {}, 'body'],
        ['a blank name', { name: ' ' }, 'name'],
        ['a name too long', { name: long(41) }, 'name'],
        ['a description too long', { description: long(2_001) }, 'description'],
        ['a state', { state: 'active' }, 'state'],
        ['a type', { type: 'flagship' }, 'type'],
      ],
    },
    {
      route: 'PATCH /shops/abc',
      url: () => `${V}/shops/abc`,
      cases: [['a shop id that is not a number', { name: 'x' }, 'id']],
    },
    {
      route: 'POST /shops/:id/staff',
      url: () => `${V}/shops/${shopId}/staff`,
      cases: [
        ['a login too short', newStaff({ login: 'ab' }), 'login'],
        ['a login with spaces', newStaff({ login: 'new staff' }), 'login'],
        ['a login too long', newStaff({ login: 'a'.repeat(65) }), 'login'],
        ['a login already taken', () => newStaff({ login: owner.login }), 'login', 409],
        ['a password too short', newStaff({ password: 'short' }), 'password'],
        ['no password', { login: 'new.staff', displayName: '店员' }, 'password'],
        ['a blank display name', newStaff({ displayName: '  ' }), 'displayName'],
        ['a role', newStaff({ role: 'owner' }), 'role'],
      ],
    },
  ];
  const cases = routes.flatMap((r) =>
    r.cases.map(
      ([name, body, field, status]) => [`${r.route} with ${name}`, r, body, field, status ?? 400] as const,
    ),
  );

  it.each(cases)('%s → refused, nothing written', async (_name, route, body, field, status) => {
    const before = await tableCounts(ctx.db);
    const shop = await ctx.db.selectFrom('shops').selectAll().orderBy('id').execute();
    const method = route.route.startsWith('PATCH') ? 'patch' : 'post';
    const res = await as(owner.token)[method](route.url(), typeof body === 'function' ? body() : body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await tableCounts(ctx.db)).toEqual(before);
    expect(await ctx.db.selectFrom('shops').selectAll().orderBy('id').execute()).toEqual(shop);
  });
});
