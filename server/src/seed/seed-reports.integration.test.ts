import { beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../test/harness.ts';
import { issueToken } from '../modules/identity/index.ts';
import { seedIfEmpty } from './index.ts';
import { insertReports } from './seed-reports.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedIfEmpty(ctx.db, ctx.clock, { info: () => {} });
  expect(await insertReports(ctx.db, ctx.clock.now())).toEqual({ reports: 4 });
});

const as = async (login: string) => {
  const user = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('login', '=', login)
    .executeTakeFirstOrThrow();
  return api(ctx.app, (await issueToken(ctx.db, ctx.clock, user.id)).token);
};

describe('demo buyer reports', () => {
  it('puts a reported comment and product of merchant1 in the ops queue, and shows buyer24 an outcome', async () => {
    const reviewer = await as('reviewer');
    const queue = await reviewer.get('/api/v1/ops/reports?state=open');
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    expect(queue.body.items.map((i: { subject: { type: string } }) => i.subject.type)).toEqual([
      'live_comment',
      'product',
    ]);
    expect(queue.body.items[0].reports).toHaveLength(2);
    expect(queue.body.items[0].content.text).toBe('这家卖的全是烂果子，主播就是骗子');
    const board = await reviewer.get('/api/v1/ops/queues');
    expect(board.body.items.find((q: { queue: string }) => q.queue === 'reports').waiting).toBe(2);

    const buyer = await as('buyer24');
    const mine = await buyer.get('/api/v1/me/reports');
    expect(mine.body.items[0]).toMatchObject({ state: 'upheld', effect: 'hidden' });
    const inbox = await buyer.get('/api/v1/me/notifications?limit=50');
    expect(inbox.body.items.some((n: { kind: string }) => n.kind === 'report_decided')).toBe(true);
  });
});
