import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { seedDemoHistory } from './demo-history.ts';
import { seedIfEmpty } from './seed.ts';

let ctx: TestContext;

// A short history is enough: the injured buyer is made at the end of it, whatever its length.
beforeAll(async () => {
  ctx = await createTestContext();
  await seedIfEmpty(ctx.db, ctx.clock, { info: () => {} });
  await seedDemoHistory(ctx, ctx.clock.now(), 3);
}, 600_000);

describe('demo care (product rules §8.6)', () => {
  it('one injured buyer waits in the outreach queue: buyer40’s stalled parcel from 鲜丰果园 after two contacts', async () => {
    const cases = await ctx.db
      .selectFrom('careCases as c')
      .innerJoin('users as u', 'u.id', 'c.buyerId')
      .innerJoin('shops as s', 's.id', 'c.shopId')
      .select(['c.rule', 'c.state', 'c.facts', 'u.login', 's.name'])
      .execute();
    const injured = cases.find((c) => c.login === 'buyer40');
    expect(injured).toMatchObject({ rule: 'stalled_parcel_contacted', state: 'open', name: '鲜丰果园' });
    expect(injured!.facts).toMatchObject({ contacts: 2, trackingStatus: 'picked_up' });
  });
});
