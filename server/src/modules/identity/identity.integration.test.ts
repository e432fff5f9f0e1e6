import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps, buildUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { DAY } from '../../platform/clock.ts';
import { connect } from '../../platform/db.ts';
import { PgPubSub } from '../../platform/pubsub.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

describe('register, login, logout', () => {
  it('registers a buyer who can then sign in and see their account', async () => {
    const reg = await api(ctx.app).post('/api/v1/auth/register', {
      kind: 'buyer',
      login: 'Xiao.Ming',
      password: 'correct horse',
      displayName: '小明',
    });
    expect(reg.status).toBe(201);
    expect(reg.body.account).toMatchObject({ kind: 'buyer', login: 'xiao.ming', displayName: '小明' });

    const login = await api(ctx.app).post('/api/v1/auth/login', {
      login: 'xiao.ming',
      password: 'correct horse',
    });
    expect(login.status).toBe(200);
    const me = await api(ctx.app, login.body.token).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(reg.body.account.id);
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const row = await ctx.db
      .selectFrom('users')
      .select('passwordHash')
      .where('login', '=', 'xiao.ming')
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain('correct horse');
  });

  it('refuses a wrong password and an unknown login alike', async () => {
    const wrong = await api(ctx.app).post('/api/v1/auth/login', {
      login: 'xiao.ming',
      password: 'wrong password',
    });
    const unknown = await api(ctx.app).post('/api/v1/auth/login', {
      login: 'nobody',
      password: 'wrong password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('refuses a second account with the same login, writing nothing', async () => {
    const before = await tableCounts(ctx.db);
    const dup = await api(ctx.app).post('/api/v1/auth/register', {
      kind: 'creator',
      login: 'XIAO.MING',
      password: 'another one',
      displayName: 'x',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.fields[0].field).toBe('login');
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('cannot register an ops account through the public endpoint', async () => {
    const res = await api(ctx.app).post('/api/v1/auth/register', {
      kind: 'ops',
      login: 'sneaky',
      password: 'password-123',
      displayName: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain('kind');
  });

  it('stops accepting a token after logout', async () => {
    const user = await buildUser(ctx, 'buyer');
    expect((await api(ctx.app, user.token).get('/api/v1/me')).status).toBe(200);
    expect((await api(ctx.app, user.token).post('/api/v1/auth/logout')).status).toBe(200);
    const after = await api(ctx.app, user.token).get('/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('stops accepting a token after it expires', async () => {
    const user = await buildUser(ctx, 'creator');
    ctx.clock.advance(31 * DAY);
    try {
      expect((await api(ctx.app, user.token).get('/api/v1/me')).status).toBe(401);
    } finally {
      ctx.clock.advance(-31 * DAY);
    }
  });
});

describe('ops accounts', () => {
  it('lets a super admin create an arbiter, and nobody else', async () => {
    const admin = await buildOps(ctx, ['super_admin']);
    const reviewer = await buildOps(ctx, ['reviewer']);
    const body = { login: 'arbiter-1', password: 'password-123', displayName: '仲裁员', roles: ['arbiter'] };
    expect((await api(ctx.app, reviewer.token).post('/api/v1/ops/accounts', body)).status).toBe(403);
    const created = await api(ctx.app, admin.token).post('/api/v1/ops/accounts', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'ops', opsRoles: ['arbiter'] });
  });
});

describe('logout across server processes', () => {
  it('makes every process refuse the token, even one that had it cached', async () => {
    // A second app over the same database stands for a second server process.
    const handle = connect(ctx.dbUrl, { max: 2 });
    const pubsub = new PgPubSub(handle.pool);
    const other = await buildApp({ ...ctx, db: handle.db, pubsub });
    try {
      const user = await buildUser(ctx, 'buyer');
      expect((await api(other, user.token).get('/api/v1/me')).status).toBe(200);
      expect((await api(ctx.app, user.token).post('/api/v1/auth/logout')).status).toBe(200);
      let status = 200;
      for (let i = 0; i < 50 && status === 200; i++) {
        await new Promise((r) => setTimeout(r, 20));
        status = (await api(other, user.token).get('/api/v1/me')).status;
      }
      expect(status).toBe(401);
    } finally {
      await other.close();
      await pubsub.close();
      await handle.close();
    }
  });
});
