import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { followerCounts } from '../audience/index.ts';
import { getAnyProduct } from '../catalog/index.ts';
import { type Rating, ratingsOf } from '../content/index.ts';
import { roomsOnAir } from '../live/index.ts';
import { currentReputation, type ScoreBand } from '../reputation/index.ts';
import { getShop, shopNames } from '../shops/index.ts';
import { trustBadges } from '../standing/index.ts';

/** What a buyer sees of a shop's reputation on a card or a page (product rules §7.3). */
export interface ShopReputation {
  rating: Rating;
  band: ScoreBand;
  trustBadge: boolean;
}

/** The reputation of each given shop: rating, score band and badge, three set-based reads. */
export async function shopReputations(
  db: Executor,
  shopIds: readonly number[],
): Promise<Map<number, ShopReputation>> {
  const ids = [...new Set(shopIds)];
  const [ratings, scores, badges] = await Promise.all([
    ratingsOf(db, { shopIds: ids }),
    currentReputation(db, ids),
    trustBadges(db, ids),
  ]);
  return new Map(
    ids.map((id) => [
      id,
      {
        rating: ratings.get(id)!,
        band: scores.get(id)?.band ?? 'not_enough_orders',
        trustBadge: badges.get(id) ?? false,
      },
    ]),
  );
}

export interface Storefront {
  shop: { id: number; name: string; description: string; openedAt: Date };
  reputation: ShopReputation;
  followerCount: number;
  /** The shop's session on air now, if any (the shop page links to its room). */
  liveNow: { sessionId: number; viewers: number } | null;
}

/** The shop page's header (product rules §7.3): who the shop is, how buyers rate it, whether it is live. */
export async function storefrontOf(db: Executor, shopId: number): Promise<Storefront> {
  const shop = await getShop(db, shopId);
  if (shop.state === 'closed') throw notFound('shop', shopId);
  const [reputations, followers, rooms] = await Promise.all([
    shopReputations(db, [shopId]),
    followerCounts(db, 'shop', [shopId]),
    roomsOnAir(db),
  ]);
  const room = rooms
    .filter((r) => r.shopId === shopId)
    .sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0))[0];
  return {
    shop: { id: shop.id, name: shop.name, description: shop.description, openedAt: shop.createdAt },
    reputation: reputations.get(shopId)!,
    followerCount: followers.get(shopId) ?? 0,
    liveNow: room ? { sessionId: room.id, viewers: room.viewers } : null,
  };
}

/** The product page's reputation: the product's rating and its shop's (one call for the page). */
export async function productReputation(db: Executor, productId: number) {
  const product = await getAnyProduct(db, productId);
  const [ratings, shops, names] = await Promise.all([
    ratingsOf(db, { productIds: [productId] }),
    shopReputations(db, [product.shopId]),
    shopNames(db, [product.shopId]),
  ]);
  return {
    productId,
    rating: ratings.get(productId)!,
    shop: { id: product.shopId, name: names.get(product.shopId) ?? '', ...shops.get(product.shopId)! },
  };
}
