import { buyBoost, claimStepReward, evaluateLadder } from '../modules/growth/index.ts';
import type { Tx } from '../platform/db.ts';
import type { SeededShop } from './seed-shops.ts';

/**
 * A merchant partway up 新商启航 (product rules §7.5): the first shop on probation (a new shop, owner
 * `merchant<n>`) joins the ladder; its first three live sessions this week are added; the steps its facts meet complete; every reward but the
 * last is claimed (the last waits on its 领取奖励 button), and part of the credits boost a product.
 */
export async function insertGrowth(tx: Tx, now: Date, shops: readonly SeededShop[]) {
  const shop = shops.find((s) => s.def.state === 'probation');
  if (!shop) return { ladderSteps: 0, boosts: 0 };
  // Its first three live sessions, this week: two hours each, ended.
  const HOUR = 3_600_000;
  await tx
    .insertInto('liveSessions')
    .values(
      [6, 4, 2].map((daysAgo, i) => {
        const startedAt = new Date(now.getTime() - daysAgo * 24 * HOUR);
        return {
          hostUserId: shop.ownerId,
          shopId: shop.id,
          title: ['开播首秀：榴莲现开', '芒果季专场', '椰青整箱特惠'][i]!,
          state: 'ended' as const,
          scheduledAt: startedAt,
          startedAt,
          endedAt: new Date(startedAt.getTime() + 2 * HOUR),
          createdAt: new Date(startedAt.getTime() - 24 * HOUR),
        };
      }),
    )
    .execute();
  const done =
    (await evaluateLadder(tx, [{ id: shop.id, createdAt: shop.openedAt }], now)).get(shop.id) ?? [];
  let credits = 0;
  for (const step of done.slice(0, Math.max(1, done.length - 1))) {
    credits += (await claimStepReward(tx, { id: shop.id, createdAt: shop.openedAt }, step, now)).credits;
  }
  const product = await tx
    .selectFrom('products')
    .select('id')
    .where('shopId', '=', shop.id)
    .where('state', '=', 'listed')
    .orderBy('id')
    .executeTakeFirst();
  let boosts = 0;
  const hours = Math.min(6, Math.floor(credits / 200));
  if (product && hours > 0) {
    await buyBoost(
      tx,
      { shopId: shop.id, targetType: 'product', targetId: product.id, hours, by: shop.ownerId },
      now,
    );
    boosts = 1;
  }
  return { ladderSteps: done.length, boosts };
}
