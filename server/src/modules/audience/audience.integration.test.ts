import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildOps, buildShop, buildStaff, buildUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { liveClient } from '../live/live.test-support.ts';

let ctx: TestContext;
const live = liveClient(() => ctx);
const as = (token?: string) => api(ctx.app, token);

beforeAll(async () => {
  ctx = await createTestContext();
});

describe('follows', () => {
  it('follows and unfollows a shop and a host idempotently, with counts and "following"', async () => {
    const { shopId } = await buildShop(ctx);
    const creator = await buildUser(ctx, 'creator', { displayName: '主播阿花' });
    const buyer = await buildBuyer(ctx);
    const other = await buildBuyer(ctx);

    for (let i = 0; i < 2; i++) {
      const res = await as(buyer.token).put(`/api/v1/me/follows/shops/${shopId}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({ followerCount: 1, following: true });
    }
    expect((await as(other.token).put(`/api/v1/me/follows/shops/${shopId}`)).body).toEqual({
      followerCount: 2,
      following: true,
    });
    expect((await as(buyer.token).put(`/api/v1/me/follows/hosts/${creator.id}`)).body).toEqual({
      followerCount: 1,
      following: true,
    });

    // Public audience: signed out sees the count only.
    expect((await as().get(`/api/v1/shops/${shopId}/audience`)).body).toEqual({
      followerCount: 2,
      following: false,
    });
    expect((await as(buyer.token).get(`/api/v1/hosts/${creator.id}/audience`)).body).toEqual({
      followerCount: 1,
      following: true,
    });

    const mine = await as(buyer.token).get('/api/v1/me/follows');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(2);
    expect(mine.body.items.map((i: { kind: string; name: string }) => [i.kind, i.name])).toEqual([
      ['host', '主播阿花'],
      ['shop', expect.any(String)],
    ]);
    expect((await as(buyer.token).get('/api/v1/me/follows?kind=shop')).body.items).toHaveLength(1);

    for (let i = 0; i < 2; i++) {
      const res = await as(buyer.token).delete(`/api/v1/me/follows/shops/${shopId}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ followerCount: 1, following: false });
    }
  });

  it('refuses following yourself, your own shop, and what does not exist', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const creator = await buildUser(ctx, 'creator');
    const buyer = await buildBuyer(ctx);

    const self = await as(creator.token).put(`/api/v1/me/follows/hosts/${creator.id}`);
    expect(self.status).toBe(400);
    expect(self.body.error.details).toMatchObject({ key: 'follow_self', fields: [{ field: 'id' }] });
    const ownShop = await as(owner.token).put(`/api/v1/me/follows/shops/${shopId}`);
    expect(ownShop.status).toBe(400);
    expect(ownShop.body.error.details.key).toBe('follow_own_shop');

    expect((await as(buyer.token).put('/api/v1/me/follows/shops/99999999')).status).toBe(404);
    expect((await as(buyer.token).put('/api/v1/me/follows/hosts/99999999')).status).toBe(404);
    // A buyer account hosts nothing.
    const notHost = await as(creator.token).put(`/api/v1/me/follows/hosts/${buyer.id}`);
    expect(notHost.status).toBe(404);
    expect((await as().put(`/api/v1/me/follows/shops/${shopId}`)).status).toBe(401);
    const ops = await buildOps(ctx);
    expect((await as(ops.token).put(`/api/v1/me/follows/shops/${shopId}`)).status).toBe(403);
    expect((await as().get('/api/v1/shops/99999999/audience')).status).toBe(404);
    expect(
      (await ctx.db.selectFrom('follows').selectAll().where('targetId', '=', buyer.id).execute()).length,
    ).toBe(0);
  });

  it("lists a shop's followers for its staff, newest first, and no one else", async () => {
    const { shopId, owner } = await buildShop(ctx);
    const staff = await buildStaff(ctx, shopId);
    const first = await buildUser(ctx, 'buyer', { displayName: '小王' });
    const second = await buildUser(ctx, 'buyer', { displayName: '小李' });
    await as(first.token).put(`/api/v1/me/follows/shops/${shopId}`);
    ctx.clock.advance(60_000);
    await as(second.token).put(`/api/v1/me/follows/shops/${shopId}`);

    for (const member of [owner, staff]) {
      const res = await as(member.token).get(`/api/v1/shops/${shopId}/followers?limit=10`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items.map((f: { displayName: string }) => f.displayName)).toEqual(['小李', '小王']);
      expect(new Date(res.body.items[0].followedAt).getTime()).toBeGreaterThan(
        new Date(res.body.items[1].followedAt).getTime(),
      );
    }
    const stranger = await buildShop(ctx);
    expect((await as(stranger.owner.token).get(`/api/v1/shops/${shopId}/followers`)).status).toBe(404);
    expect((await as(first.token).get(`/api/v1/shops/${shopId}/followers`)).status).toBe(403);
  });
});

describe('notifications', () => {
  it('followers of the host and of the shop are notified once when the room goes live', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const both = await buildBuyer(ctx);
    const shopOnly = await buildBuyer(ctx);
    const bystander = await buildBuyer(ctx);
    await as(both.token).put(`/api/v1/me/follows/shops/${shopId}`);
    await as(both.token).put(`/api/v1/me/follows/hosts/${owner.id}`);
    await as(shopOnly.token).put(`/api/v1/me/follows/shops/${shopId}`);

    const sessionId = await live.schedule(owner, { shopId, title: '秋季上新' });
    expect((await as(both.token).get('/api/v1/me/notifications')).body.total).toBe(0);
    expect((await live.as(owner).post(`/api/v1/live/sessions/${sessionId}/start`)).status).toBe(200);

    for (const follower of [both, shopOnly]) {
      const inbox = await as(follower.token).get('/api/v1/me/notifications');
      expect(inbox.status).toBe(200);
      expect(inbox.body.unreadCount).toBe(1);
      expect(inbox.body.items).toEqual([
        expect.objectContaining({
          kind: 'live_started',
          payload: expect.objectContaining({ sessionId, title: '秋季上新' }),
          readAt: null,
        }),
      ]);
    }
    expect((await as(bystander.token).get('/api/v1/me/notifications')).body.total).toBe(0);

    // Following now: live now (GET /me/following/live).
    const liveNow = await as(shopOnly.token).get('/api/v1/me/following/live');
    expect(liveNow.status, JSON.stringify(liveNow.body)).toBe(200);
    expect(liveNow.body.items.map((s: { id: number }) => s.id)).toEqual([sessionId]);
    expect((await as(bystander.token).get('/api/v1/me/following/live')).body.items).toEqual([]);
  });

  it('marks read by ids (mine only) or all; neither is a 400 naming ids', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const buyer = await buildBuyer(ctx);
    const other = await buildBuyer(ctx);
    await as(buyer.token).put(`/api/v1/me/follows/shops/${shopId}`);
    await as(other.token).put(`/api/v1/me/follows/shops/${shopId}`);
    for (let i = 0; i < 2; i++) {
      const id = await live.goLive(owner, { shopId });
      await live.as(owner).post(`/api/v1/live/sessions/${id}/end`);
    }
    const inbox = (await as(buyer.token).get('/api/v1/me/notifications')).body;
    expect(inbox.unreadCount).toBe(2);
    const otherIds = (await as(other.token).get('/api/v1/me/notifications')).body.items.map(
      (n: { id: number }) => n.id,
    );

    const one = await as(buyer.token).post('/api/v1/me/notifications/read', {
      ids: [inbox.items[0].id, ...otherIds],
    });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ unreadCount: 1 });
    expect((await as(other.token).get('/api/v1/me/notifications')).body.unreadCount).toBe(2);
    expect((await as(buyer.token).get('/api/v1/me/notifications?unread=true')).body.items).toHaveLength(1);

    const bad = await as(buyer.token).post('/api/v1/me/notifications/read', {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('ids');
    expect((await as(buyer.token).post('/api/v1/me/notifications/read', { all: true })).body).toEqual({
      unreadCount: 0,
    });
  });
});
