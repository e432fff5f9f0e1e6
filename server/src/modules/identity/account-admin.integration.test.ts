import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOps, buildUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { connect, type DbHandle } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { PgPubSub, type PubSub } from '../../platform/pubsub.ts';

let ctx: TestContext;
// A second app over the same database, with its own pool, listener and token cache, stands for a
// second server process.
let other: App;
let handle: DbHandle;
let pubsub: PubSub;
beforeAll(async () => {
  ctx = await createTestContext();
  handle = connect(ctx.dbUrl, { max: 2 });
  pubsub = new PgPubSub(handle.pool);
  other = await buildApp({ ...ctx, db: handle.db, pubsub });
});
afterAll(async () => {
  await other.close();
  await pubsub.close();
  await handle.close();
});

/** Polls `probe` every 20 ms until it answers `want`; returns the answer and how long that took. */
async function within(ms: number, want: number, probe: () => Promise<number>) {
  const start = Date.now();
  let got = await probe();
  while (got !== want && Date.now() - start < ms) {
    await new Promise((r) => setTimeout(r, 20));
    got = await probe();
  }
  return { got, tookMs: Date.now() - start };
}

describe('a role change or a disabled account, in every process', () => {
  it('takes a role away in another process within a second, though it had the token cached', async () => {
    const admin = await buildOps(ctx, ['super_admin']);
    const arbiter = await buildOps(ctx, ['arbiter', 'reviewer']);
    const asArbiter = () => api(other, arbiter.token).get('/api/v1/ops/ledger/check');
    // ledger check is for arbiters (and super admins): the other process caches the token now
    const first = await asArbiter();
    expect(first.status).toBe(200);

    const changed = await api(ctx.app, admin.token).put(`/api/v1/ops/accounts/${arbiter.id}/roles`, {
      roles: ['reviewer'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: arbiter.id, opsRoles: ['reviewer'], status: 'active' });

    const { got } = await within(1000, 403, async () => (await asArbiter()).status);
    expect(got).toBe(403);
    // and a role given is usable as soon
    await api(ctx.app, admin.token).put(`/api/v1/ops/accounts/${arbiter.id}/roles`, { roles: ['arbiter'] });
    expect((await within(1000, 200, async () => (await asArbiter()).status)).got).toBe(200);
  });

  it('refuses a disabled account’s token in another process within a second, and its sign-in', async () => {
    const admin = await buildOps(ctx, ['super_admin']);
    const buyer = await buildUser(ctx, 'buyer');
    expect((await api(other, buyer.token).get('/api/v1/me')).status).toBe(200);

    const disabled = await api(ctx.app, admin.token).put(`/api/v1/ops/accounts/${buyer.id}/status`, {
      status: 'disabled',
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('disabled');
    expect(
      (await within(1000, 401, async () => (await api(other, buyer.token).get('/api/v1/me')).status)).got,
    ).toBe(401);
    const login = await api(other).post('/api/v1/auth/login', {
      login: buyer.login,
      password: 'password-123',
    });
    expect(login.status).toBe(401);

    await api(ctx.app, admin.token).put(`/api/v1/ops/accounts/${buyer.id}/status`, { status: 'active' });
    expect(
      (await within(1000, 200, async () => (await api(other, buyer.token).get('/api/v1/me')).status)).got,
    ).toBe(200);
  });

  it('lets only a super admin change roles or status, and not lock themselves out', async () => {
    const admin = await buildOps(ctx, ['super_admin']);
    const reviewer = await buildOps(ctx, ['reviewer']);
    const buyer = await buildUser(ctx, 'buyer');
    const before = await tableCounts(ctx.db);
    expect(
      (
        await api(ctx.app, reviewer.token).put(`/api/v1/ops/accounts/${reviewer.id}/roles`, {
          roles: ['super_admin'],
        })
      ).status,
    ).toBe(403);
    const own = await api(ctx.app, admin.token).put(`/api/v1/ops/accounts/${admin.id}/roles`, {
      roles: ['arbiter'],
    });
    expect(own.status).toBe(400);
    expect(own.body.error.details.fields[0].field).toBe('roles');
    const self = await api(ctx.app, admin.token).put(`/api/v1/ops/accounts/${admin.id}/status`, {
      status: 'disabled',
    });
    expect(self.status).toBe(400);
    const buyerRoles = await api(ctx.app, admin.token).put(`/api/v1/ops/accounts/${buyer.id}/roles`, {
      roles: ['arbiter'],
    });
    expect(buyerRoles.status).toBe(400);
    const missing = await api(ctx.app, admin.token).put('/api/v1/ops/accounts/99999999/status', {
      status: 'active',
    });
    expect(missing.status).toBe(404);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });
});
