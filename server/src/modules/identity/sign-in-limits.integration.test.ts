import argon2 from 'argon2';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOps, buildUser } from '../../../test/builders.ts';
import { createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { MINUTE } from '../../platform/clock.ts';
import { connect } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { PgPubSub } from '../../platform/pubsub.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterEach(() => {
  vi.restoreAllMocks();
});

let addresses = 0;
/** Each test signs in from its own address, so that the per-address limits of one do not reach another. */
const newAddress = () => `203.0.113.${++addresses}`;

async function post(app: App, url: string, body: object, from: string) {
  const res = await app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body, remoteAddress: from });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

describe('text PostgreSQL cannot store', () => {
  it('refuses a NUL in the sign-in body with a 400 naming the field, writing nothing', async () => {
    const before = await tableCounts(ctx.db);
    const res = await post(
      ctx.app,
      '/auth/login',
      { login: 'a\u0000b', password: 'whatever-123' },
      newAddress(),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.fields).toEqual([
      { field: 'login', in: 'body', reason: 'must not contain a NUL character' },
    ]);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('refuses a lone surrogate in a sign-up, writing nothing', async () => {
    const before = await tableCounts(ctx.db);
    const res = await post(
      ctx.app,
      '/auth/register',
      { kind: 'buyer', login: 'surrogate', password: 'password-123', displayName: 'x\ud800' },
      newAddress(),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([
      { field: 'displayName', in: 'body', reason: 'must not contain an unpaired surrogate' },
    ]);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('refuses them in the query and the path too', async () => {
    const query = await ctx.app.inject({ method: 'GET', url: '/api/v1/products?q=%00' });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details.fields).toEqual([
      { field: 'q', in: 'querystring', reason: 'must not contain a NUL character' },
    ]);
    // bytes that are no UTF-8 at all (an encoded lone surrogate) never reach the database either
    for (const q of ['%ED%A0%80', '%FF', '%C0%80', '%E4%B8']) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/products?q=${q}` });
      expect(res.statusCode, q).toBeLessThan(500);
    }
    const ops = await buildOps(ctx, ['super_admin', 'arbiter', 'reviewer', 'rule_admin']);
    const path = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/ops/ledger/accounts/a%00b',
      headers: { authorization: `Bearer ${ops.token}` },
    });
    expect(path.statusCode).toBe(400);
    expect(path.json().error.details.fields[0]).toMatchObject({ field: 'code', in: 'params' });
  });
});

describe('sign-in limits', () => {
  it('refuses the sixth wrong password with a 429, and then the right one too until the window ends', async () => {
    const user = await buildUser(ctx, 'buyer');
    const from = newAddress();
    for (let i = 0; i < 5; i++) {
      const wrong = await post(ctx.app, '/auth/login', { login: user.login, password: `wrong-${i}` }, from);
      expect(wrong.status).toBe(401);
    }
    const sixth = await post(ctx.app, '/auth/login', { login: user.login, password: 'wrong-6' }, from);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('rate_limited');
    expect(sixth.body.error.details).toMatchObject({ key: 'too_many_attempts', params: { minutes: 15 } });
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);

    // the right password, even from another address: the account is locked for the window
    const right = await post(
      ctx.app,
      '/auth/login',
      { login: user.login, password: 'password-123' },
      newAddress(),
    );
    expect(right.status).toBe(429);

    ctx.clock.advance(15 * MINUTE);
    const later = await post(ctx.app, '/auth/login', { login: user.login, password: 'password-123' }, from);
    expect(later.status).toBe(200);
  });

  it('counts failures only: an account that signs in often is never limited', async () => {
    const user = await buildUser(ctx, 'merchant');
    const from = newAddress();
    for (let i = 0; i < 8; i++) {
      if (i === 3) {
        const wrong = await post(ctx.app, '/auth/login', { login: user.login, password: 'nope-nope' }, from);
        expect(wrong.status).toBe(401);
      }
      const ok = await post(ctx.app, '/auth/login', { login: user.login, password: 'password-123' }, from);
      expect(ok.status).toBe(200);
    }
  });

  it('limits one address trying many accounts', async () => {
    const from = newAddress();
    for (let i = 0; i < 30; i++) {
      const res = await post(ctx.app, '/auth/login', { login: `spray-${i}`, password: 'Password1!' }, from);
      expect(res.status).toBe(401);
    }
    const user = await buildUser(ctx, 'buyer');
    const next = await post(ctx.app, '/auth/login', { login: user.login, password: 'password-123' }, from);
    expect(next.status).toBe(429);
    // another address is not affected
    const elsewhere = await post(
      ctx.app,
      '/auth/login',
      { login: user.login, password: 'password-123' },
      newAddress(),
    );
    expect(elsewhere.status).toBe(200);
  });

  it('shares the counts between server processes (they live in PostgreSQL)', async () => {
    const handle = connect(ctx.dbUrl, { max: 2 });
    const pubsub = new PgPubSub(handle.pool);
    const other = await buildApp({ ...ctx, db: handle.db, pubsub });
    try {
      const user = await buildUser(ctx, 'creator');
      const from = newAddress();
      for (let i = 0; i < 5; i++) {
        const app = i % 2 === 0 ? ctx.app : other;
        expect(
          (await post(app, '/auth/login', { login: user.login, password: `bad-${i}` }, from)).status,
        ).toBe(401);
      }
      expect(
        (await post(other, '/auth/login', { login: user.login, password: 'password-123' }, from)).status,
      ).toBe(429);
      expect(
        (await post(ctx.app, '/auth/login', { login: user.login, password: 'password-123' }, from)).status,
      ).toBe(429);
    } finally {
      await other.close();
      await pubsub.close();
      await handle.close();
    }
  });

  it('counts parallel guesses before answering any (no burst slips under the limit)', async () => {
    const user = await buildUser(ctx, 'buyer');
    const from = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(ctx.app, '/auth/login', { login: user.login, password: `guess-${i}` }, from),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('limits sign-ups probing one login', async () => {
    const taken = await buildUser(ctx, 'buyer');
    const from = newAddress();
    const probe = { kind: 'buyer', login: taken.login, password: 'password-123', displayName: 'x' };
    for (let i = 0; i < 5; i++)
      expect((await post(ctx.app, '/auth/register', probe, newAddress())).status).toBe(409);
    const sixth = await post(ctx.app, '/auth/register', probe, from);
    expect(sixth.status).toBe(429);
    expect(sixth.headers['retry-after']).toBeDefined();
  });
});

describe('an unknown login costs what a known one does', () => {
  it('verifies the password against a stand-in argon2 hash when there is no account', async () => {
    const user = await buildUser(ctx, 'buyer');
    const verify = vi.spyOn(argon2, 'verify');
    const from = newAddress();
    await post(ctx.app, '/auth/login', { login: 'nobody-at-all', password: 'password-123' }, from);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![0]).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    await post(ctx.app, '/auth/login', { login: user.login, password: 'wrong-password' }, from);
    expect(verify).toHaveBeenCalledTimes(2);
    // the same cost parameters as a real account's hash, so both take the same work; timing itself
    // is measured by no test here (a loaded machine makes wall-clock ratios flaky)
    const params = (hash: string) => hash.split('$').slice(1, 4).join('$');
    expect(params(verify.mock.calls[0]![0] as string)).toBe(params(verify.mock.calls[1]![0] as string));
  });
});
