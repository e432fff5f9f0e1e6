import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildShop, buildUser, type TestUser } from '../../../test/builders.ts';
import { createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { buildLiveCast, liveClient } from './live.test-support.ts';

let ctx: TestContext;
let creatorA: TestUser;
let creatorB: TestUser;
let buyer: TestUser;
let shopX: { shopId: number; owner: TestUser; staff: TestUser };
let shopY: { shopId: number; owner: TestUser };
const { as, inFuture, schedule, goLive } = liveClient(() => ctx);

beforeAll(async () => {
  ctx = await createTestContext();
  ({ creatorA, creatorB, buyer, shopX, shopY } = await buildLiveCast(ctx));
});

describe('tenancy', () => {
  it('hides a creator’s session from another creator and from shops (404)', async () => {
    const product = await buildListedProduct(ctx, shopY.shopId);
    const id = await schedule(creatorA);
    await as(creatorA).post(`/api/v1/live/sessions/${id}/pins`, { productId: product.productId });
    const before = await tableCounts(ctx.db);
    for (const intruder of [creatorB, shopX.owner]) {
      const calls = [
        as(intruder).post(`/api/v1/live/sessions/${id}/start`),
        as(intruder).patch(`/api/v1/live/sessions/${id}`, { title: 'mine now' }),
        as(intruder).post(`/api/v1/live/sessions/${id}/pins`, { productId: product.productId }),
        as(intruder).delete(`/api/v1/live/sessions/${id}/pins/${product.productId}`),
        as(intruder).post(`/api/v1/live/sessions/${id}/end`),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(`live session ${id} not found`);
      }
    }
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('hides shop X’s session from shop Y’s staff and from creators (404)', async () => {
    const id = await schedule(shopX.owner, { shopId: shopX.shopId });
    for (const intruder of [shopY.owner, creatorA]) {
      expect((await as(intruder).post(`/api/v1/live/sessions/${id}/start`)).status).toBe(404);
      expect((await as(intruder).patch(`/api/v1/live/sessions/${id}`, { title: 'x' })).status).toBe(404);
    }
    const foreignShop = await as(shopY.owner).post('/api/v1/live/sessions', {
      title: 't',
      scheduledAt: inFuture(HOUR),
      shopId: shopX.shopId,
    });
    expect(foreignShop.status).toBe(404);
  });

  it('lets buyers watch but not host (403)', async () => {
    const res = await as(buyer).post('/api/v1/live/sessions', { title: 't', scheduledAt: inFuture(HOUR) });
    expect(res.status).toBe(403);
    expect((await as(buyer).get('/api/v1/me/live/sessions')).status).toBe(403);
    expect((await as(undefined).post('/api/v1/live/sessions', {})).status).toBe(401);
  });

  it('lists a host’s own sessions only', async () => {
    const creator = await buildUser(ctx, 'creator');
    const own = [await schedule(creator), await goLive(creator)];
    await schedule(creatorB);
    const mine = await as(creator).get('/api/v1/me/live/sessions');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((s: { id: number }) => s.id)).toEqual([...own].reverse());
    expect(mine.body.total).toBe(2);
    const liveOnly = await as(creator).get('/api/v1/me/live/sessions?state=live');
    expect(liveOnly.body.items.map((s: { id: number }) => s.id)).toEqual([own[1]]);

    const shop = await buildShop(ctx);
    const shopSession = await schedule(shop.owner, { shopId: shop.shopId });
    const merchant = await as(shop.owner).get('/api/v1/me/live/sessions');
    expect(merchant.body.items.map((s: { id: number }) => s.id)).toEqual([shopSession]);
    const outsider = await buildUser(ctx, 'merchant');
    expect((await as(outsider).get('/api/v1/me/live/sessions')).body).toMatchObject({ items: [], total: 0 });
  });
});

describe('buyers browse live rooms', () => {
  it('lists upcoming sessions soonest first, in pages', async () => {
    const creator = await buildUser(ctx, 'creator');
    const later = await schedule(creator, { scheduledAt: inFuture(3 * HOUR) });
    const sooner = await schedule(creator, { scheduledAt: inFuture(30 * MINUTE) });
    const all = await as(undefined).get('/api/v1/live/sessions?state=scheduled&limit=100');
    const ids: number[] = all.body.items.map((s: { id: number }) => s.id);
    expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
    const times = all.body.items.map((s: { scheduledAt: string }) => s.scheduledAt);
    expect(times).toEqual([...times].sort());
    expect(all.body.total).toBe(ids.length);

    const page1 = await as(undefined).get('/api/v1/live/sessions?state=scheduled&limit=2');
    const page2 = await as(undefined).get('/api/v1/live/sessions?state=scheduled&limit=2&offset=2');
    expect([...page1.body.items, ...page2.body.items].map((s: { id: number }) => s.id)).toEqual(
      ids.slice(0, 4),
    );
    expect(page2.body).toMatchObject({ limit: 2, offset: 2, total: ids.length });
  });

  it('lists sessions on air with the latest start first', async () => {
    const [c1, c2] = [await buildUser(ctx, 'creator'), await buildUser(ctx, 'creator')];
    const first = await goLive(c1);
    ctx.clock.advance(MINUTE);
    const second = await goLive(c2);
    const ids: number[] = (await as(undefined).get('/api/v1/live/sessions')).body.items.map(
      (s: { id: number }) => s.id,
    );
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
  });

  it('answers 404 for a session that does not exist', async () => {
    const res = await as(undefined).get('/api/v1/live/sessions/987654');
    expect(res.status).toBe(404);
  });
});

describe('API document', () => {
  it('documents every live route with its access rule', async () => {
    const doc = (await as(undefined).get('/openapi.json')).body;
    expect(doc.paths['/api/v1/live/sessions'].get['x-access']).toBeUndefined();
    expect(doc.paths['/api/v1/live/sessions'].post['x-access']).toBe('creator, merchant');
    expect(doc.paths['/api/v1/live/sessions/{id}/pins/{productId}'].delete['x-access']).toBe(
      'creator, merchant',
    );
    expect(doc.paths['/api/v1/ops/live/sessions/{id}/terminate'].post['x-access']).toBe('ops: super_admin');
  });
});
