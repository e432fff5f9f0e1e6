import { DAY, HOUR } from '../platform/clock.ts';
import type { Tx } from '../platform/db.ts';

// 东北饺子馆 (merchant10) has followers to show on its 粉丝 page; buyers 1–12 follow it, a day apart.
const FOLLOWED_SHOP = '东北饺子馆';
const FOLLOWERS = Array.from({ length: 12 }, (_, i) => `buyer${i + 1}`);

/** Demo follows: a shop's followers for the merchant console's 粉丝 list. */
export async function insertFollows(tx: Tx, now: Date): Promise<{ follows: number }> {
  const shop = await tx.selectFrom('shops').select('id').where('name', '=', FOLLOWED_SHOP).executeTakeFirst();
  const buyers = await tx
    .selectFrom('users')
    .select(['id', 'login'])
    .where('login', 'in', FOLLOWERS)
    .execute();
  if (!shop || buyers.length === 0) return { follows: 0 };
  const order = new Map(FOLLOWERS.map((login, i) => [login, i]));
  await tx
    .insertInto('follows')
    .values(
      buyers.map((b) => ({
        followerId: b.id,
        targetKind: 'shop' as const,
        targetId: shop.id,
        createdAt: new Date(now.getTime() - (order.get(b.login)! + 1) * DAY - 3 * HOUR),
      })),
    )
    .execute();
  return { follows: buyers.length };
}
