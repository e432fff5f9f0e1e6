import { expect } from 'vitest';
import { buildBuyer, buildShop, buildUser, type TestUser } from '../../../test/builders.ts';
import { api, type TestContext } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';

/** The people of the live-room integration tests: two creators, a buyer, shop X (owner + staff) and shop Y. */
export async function buildLiveCast(ctx: TestContext) {
  const creatorA = await buildUser(ctx, 'creator', { displayName: '主播小A' });
  const creatorB = await buildUser(ctx, 'creator');
  const buyer = await buildBuyer(ctx);
  const x = await buildShop(ctx);
  const staff = await buildUser(ctx, 'merchant', { displayName: '店员小李' });
  await ctx.db
    .insertInto('shopMembers')
    .values({ shopId: x.shopId, userId: staff.id, role: 'staff' })
    .execute();
  const shopY = await buildShop(ctx);
  return { creatorA, creatorB, buyer, shopX: { shopId: x.shopId, owner: x.owner, staff }, shopY };
}

/** HTTP shorthands over the test context (read lazily: the context is made in beforeAll). */
export function liveClient(getCtx: () => TestContext) {
  const as = (user: TestUser | undefined) => api(getCtx().app, user?.token);
  const inFuture = (ms: number) => new Date(getCtx().clock.now().getTime() + ms).toISOString();

  /** Schedules through the API (1 h ahead unless overridden) and returns the session id. */
  async function schedule(user: TestUser, body: Record<string, unknown> = {}): Promise<number> {
    const res = await as(user).post('/api/v1/live/sessions', {
      title: '新品首发',
      scheduledAt: inFuture(HOUR),
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function goLive(user: TestUser, body: Record<string, unknown> = {}): Promise<number> {
    const id = await schedule(user, body);
    expect((await as(user).post(`/api/v1/live/sessions/${id}/start`)).status).toBe(200);
    return id;
  }

  return { as, inFuture, schedule, goLive };
}
