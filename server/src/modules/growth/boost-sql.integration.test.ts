import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildShop } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { activeBoosts, activeBoostsSql, newMerchantBoostSql } from './boost-sql.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

async function insertBoost(shopId: number, productId: number, userId: number, from: Date, to: Date) {
  const entry = await ctx.db
    .insertInto('growthCreditEntries')
    .values({
      idempotencyKey: `t:${productId}:${from.getTime()}`,
      kind: 'boost',
      causeType: 'product',
      causeId: productId,
      createdAt: from,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('growthBoosts')
    .values({
      shopId,
      targetType: 'product',
      targetId: productId,
      credits: 100,
      weightBp: 3000,
      startsAt: from,
      endsAt: to,
      creditEntryId: entry.id,
      createdBy: userId,
    })
    .execute();
}

describe('boost fragments for ranking', () => {
  it('lists only the boosts in force at the given time, and the new-merchant boost of an enrolled shop', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const { productId } = await buildListedProduct(ctx, shopId);
    const { productId: other } = await buildListedProduct(ctx, shopId);
    const now = ctx.clock.now();
    const hour = 3_600_000;
    await insertBoost(
      shopId,
      productId,
      owner.id,
      new Date(now.getTime() - hour),
      new Date(now.getTime() + hour),
    );
    await insertBoost(
      shopId,
      other,
      owner.id,
      new Date(now.getTime() - 3 * hour),
      new Date(now.getTime() - hour),
    );

    const boosts = await activeBoosts(
      ctx.db,
      [
        { targetType: 'product', targetId: productId },
        { targetType: 'product', targetId: other },
      ],
      now,
    );
    expect(boosts).toEqual([
      {
        targetType: 'product',
        targetId: productId,
        shopId,
        weightBp: 3000,
        endsAt: new Date(now.getTime() + hour),
      },
    ]);

    const joined = await sql<{ id: number; weight: number | null }>`
      select p.id, b.weight_bp as weight from products p
      left join (${activeBoostsSql(now)}) b on b.target_type = 'product' and b.target_id = p.id
      where p.shop_id = ${shopId} order by p.id`.execute(ctx.db);
    expect(joined.rows).toEqual([
      { id: productId, weight: 3000 },
      { id: other, weight: null },
    ]);

    const version = await ctx.db
      .selectFrom('growthProgrammeVersions')
      .select('id')
      .where('programme', '=', 'new_merchant')
      .executeTakeFirstOrThrow();
    const boostOf = async (id: number, at: Date) =>
      (await sql<{ bp: number }>`select ${newMerchantBoostSql(sql.lit(id), at)} as bp`.execute(ctx.db))
        .rows[0]!.bp;
    expect(await boostOf(shopId, now)).toBe(0);
    await ctx.db
      .insertInto('growthEnrolments')
      .values({ shopId, versionId: version.id, enrolledAt: now })
      .execute();
    expect(await boostOf(shopId, now)).toBe(2000);
    expect(await boostOf(shopId, new Date(now.getTime() + 31 * 24 * hour))).toBe(0);
  });
});
