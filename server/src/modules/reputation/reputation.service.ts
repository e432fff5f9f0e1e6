import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { currentConfig } from '../configuration/index.ts';
import { requireShopMember, shopNames } from '../shops/index.ts';
import { platformDay, recomputeScores } from './recompute.service.ts';
import type { AfterScoresRecomputed } from './reputation-ports.ts';
import { type ReputationView, reputationHistory, shopReputation } from './reputation-read.service.ts';

const DAY_MS = 86_400_000;

/** The score page's data: the current score in full, with the minimum of orders in force. */
async function viewOf(db: Executor, shopId: number): Promise<ReputationView & { shopName: string }> {
  const names = await shopNames(db, [shopId]);
  const shopName = names.get(shopId);
  if (shopName === undefined) throw notFound('shop', shopId);
  const { config } = await currentConfig(db);
  const stored = await shopReputation(db, shopId);
  const view: ReputationView = stored ?? {
    shopId,
    day: null,
    score: null,
    band: 'not_enough_orders',
    completedOrders: 0,
    minCompletedOrders: null,
    dims: [],
    metrics: [],
    drags: [],
    inputs: null,
    configVersion: null,
    computedAt: null,
    requestedAt: null,
  };
  return { ...view, minCompletedOrders: config.reputation.minCompletedOrders, shopName };
}

/** A shop's score for its staff (404 for anyone else) or for ops. */
export async function readShopReputation(db: Executor, principal: Principal, shopId: number) {
  if (principal.kind !== 'ops') await requireShopMember(db, principal, shopId);
  return viewOf(db, shopId);
}

/** A shop's daily scores over the last `days` days (the trend and the history table). */
export async function readShopHistory(
  db: Executor,
  clock: Clock,
  principal: Principal,
  shopId: number,
  days: number,
) {
  if (principal.kind !== 'ops') await requireShopMember(db, principal, shopId);
  const since = platformDay(new Date(clock.now().getTime() - (days - 1) * DAY_MS));
  return { shopId, days, items: await reputationHistory(db, shopId, since) };
}

/**
 * 重新计算: recomputes one shop's score now. A merchant may ask once per
 * `reputation.recomputeCooldownMinutes` (429 rate_limited naming when it may ask again); ops any time.
 * The standing port runs in the same transaction.
 */
export async function recomputeShop(
  db: Db,
  clock: Clock,
  principal: Principal,
  shopId: number,
  after: AfterScoresRecomputed,
) {
  const byMerchant = principal.kind !== 'ops';
  if (byMerchant) await requireShopMember(db, principal, shopId);
  else if (!(await shopNames(db, [shopId])).has(shopId)) throw notFound('shop', shopId);
  await db.transaction().execute(async (tx) => {
    const now = clock.now();
    const { config } = await currentConfig(tx);
    const { rows } = await sql<{ requestedAt: Date | null }>`
      select requested_at from shop_reputation where shop_id = ${shopId} for update`.execute(tx);
    const last = rows[0]?.requestedAt ?? null;
    const cooldownMs = config.reputation.recomputeCooldownMinutes * 60_000;
    if (byMerchant && last && now.getTime() - last.getTime() < cooldownMs) {
      const retryAt = new Date(last.getTime() + cooldownMs);
      throw new AppError(
        'rate_limited',
        `the score was recomputed at ${last.toISOString()}; ask again from ${retryAt.toISOString()}`,
        { retryAt: retryAt.toISOString() },
        {
          key: 'reputation_recompute_cooldown',
          params: { minutes: Math.ceil((retryAt.getTime() - now.getTime()) / 60_000) },
        },
      );
    }
    const result = await recomputeScores(tx, now, [shopId]);
    if (byMerchant) {
      await tx.updateTable('shopReputation').set({ requestedAt: now }).where('shopId', '=', shopId).execute();
    }
    await after(tx, now, result.shopIds);
  });
  return viewOf(db, shopId);
}

/** Ops: the shops' names for a list of scores. */
export async function withShopNames<T extends { shopId: number }>(db: Executor, items: T[]) {
  const names = await shopNames(
    db,
    items.map((i) => i.shopId),
  );
  return items.map((i) => ({ ...i, shopName: names.get(i.shopId) ?? '' }));
}
