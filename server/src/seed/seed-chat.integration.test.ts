import { beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../test/harness.ts';
import { issueToken } from '../modules/identity/index.ts';
import { seedIfEmpty } from './index.ts';
import { insertChat } from './seed-chat.ts';

let ctx: TestContext;
let seeded: Awaited<ReturnType<typeof insertChat>>;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedIfEmpty(ctx.db, ctx.clock, { info: () => {} });
  seeded = await insertChat(ctx.db, ctx.clock.now());
});

describe('demo customer service in merchant1’s shop', () => {
  it('has a week of sessions whose metrics are near the targets, and buyers waiting now', async () => {
    expect(seeded.sessions).toBeGreaterThanOrEqual(35);
    const owner = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'merchant1')
      .executeTakeFirstOrThrow();
    const shop = await ctx.db
      .selectFrom('shops')
      .select('id')
      .where('ownerUserId', '=', owner.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const { token } = await issueToken(ctx.db, ctx.clock, owner.id);
    const metrics = await api(ctx.app, token).get(`/api/v1/shops/${shop.id}/chat/metrics`);
    expect(metrics.status, JSON.stringify(metrics.body)).toBe(200);
    const { total, days, agents } = metrics.body;
    console.info('demo chat metrics (7 days):', JSON.stringify(total));
    expect(days).toHaveLength(7);
    expect(days.filter((d: { sessions: number }) => d.sessions > 0).length).toBeGreaterThanOrEqual(6);
    expect(agents).toHaveLength(2);
    // A shop that mostly meets the targets, with some late answers: 75–100% within 3 minutes, good ≥ 70%.
    expect(total.responseRate3mBp).toBeGreaterThanOrEqual(7_500);
    expect(total.avgFirstResponseMs).toBeLessThan(90_000);
    expect(total.goodRatingRateBp).toBeGreaterThanOrEqual(7_000);

    const waiting = await ctx.db
      .selectFrom('chatConversations')
      .select(['id', 'shopUnread', 'shopReadId', 'lastMessageId'])
      .where('shopId', '=', shop.id)
      .where('waitingSince', 'is not', null)
      .execute();
    expect(waiting).toHaveLength(3);
    for (const c of waiting) {
      expect(c.shopUnread).toBe(1);
      expect(c.shopReadId).toBeLessThan(c.lastMessageId!);
    }
  });
});
