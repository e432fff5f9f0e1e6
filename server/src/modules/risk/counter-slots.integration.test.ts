import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { recordActivities, recordActivity, velocity } from './counters.service.ts';
import { decide } from './decide.service.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-12-02T10:30:00Z');
});

const now = () => ctx.clock.now();
const listingsOf = async (shop: string) =>
  (await velocity(ctx.db, [{ entity: 'shop', value: shop, counter: 'listings' }], now())).get(
    `shop|${shop}|listings`,
  )!;

describe('velocity counters under concurrent writers of one entity', () => {
  it('open transactions counting for one shop do not wait for each other, and every count is read', async () => {
    const writers = 6;
    // Each transaction counts, then waits until every other one has counted too, then commits: with
    // one locked row per bucket the second writer would wait for the first's commit, which never comes.
    let counted = 0;
    let release!: () => void;
    const allCounted = new Promise<void>((r) => {
      release = r;
    });
    await Promise.all(
      Array.from({ length: writers }, () =>
        ctx.db.transaction().execute(async (tx) => {
          await recordActivity(tx, { counter: 'listings', entities: { shop: '4401' }, now: now() });
          if (++counted === writers) release();
          await allCounted;
        }),
      ),
    );
    expect((await listingsOf('4401'))['1h']).toBe(writers);
    const rows = await ctx.db
      .selectFrom('trustCounters')
      .select(['slot', 'count'])
      .where('entityValue', '=', '4401')
      .orderBy('slot')
      .execute();
    expect(rows).toEqual(Array.from({ length: writers }, (_, slot) => ({ slot, count: 1 })));
  });

  it('one writer at a time keeps one row per hour; a rolled-back count is not read', async () => {
    for (let i = 0; i < 5; i++)
      await recordActivity(ctx.db, { counter: 'listings', entities: { shop: '4402' }, now: now() });
    await ctx.db
      .transaction()
      .execute(async (tx) => {
        await recordActivities(tx, {
          activities: [{ counter: 'listings', entities: { shop: '4402' }, count: 3 }],
          now: now(),
        });
        throw new Error('rolled back');
      })
      .catch(() => {});
    expect((await listingsOf('4402'))['1h']).toBe(5);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from trust_counters where entity_value = '4402'`.execute(ctx.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('decide counts its event in the statement that stores the decision, after reading the count', async () => {
    const input = {
      checkpoint: 'live_comment' as const,
      facts: { screening_categories: [], screening_risk: 'none' },
      entities: { buyer: '4403' },
      record: { counter: 'comments' },
      now: now(),
    };
    const first = await decide(ctx.db, { ...input, subject: { type: 'live_comment', id: 1 } });
    const second = await decide(ctx.db, { ...input, subject: { type: 'live_comment', id: 2 } });
    const { rows: seen } = await sql<{ n: number }>`
      select (inputs ->> 'buyer.comments_1h')::float8 as n from trust_decisions
      where id = any(${[first.decisionId, second.decisionId]}::bigint[]) order by id`.execute(ctx.db);
    expect(seen.map((r) => r.n)).toEqual([0, 1]);
    const counted = await velocity(ctx.db, [{ entity: 'buyer', value: '4403', counter: 'comments' }], now());
    expect(counted.get('buyer|4403|comments')!['1h']).toBe(2);
  });
});
