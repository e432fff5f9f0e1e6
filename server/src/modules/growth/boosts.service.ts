import type { Executor } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { getProductSummaries, getProductSummary } from '../catalog/index.ts';
import { getSessionView, sessionTitles } from '../live/index.ts';
import { boostCost, checkBoostHours } from './boost-terms.rule.ts';
import { lockShopCredits, postCredits, SPENT, shopAccount } from './credits.service.ts';
import { boostActive, insufficientCredits, liveNotBoostable, productNotBoostable } from './growth.errors.ts';
import type { BoostTarget } from './growth.tables.ts';
import { versionInForce } from './programmes.service.ts';

const HOUR_MS = 3_600_000;

export interface Boost {
  id: number;
  targetType: BoostTarget;
  targetId: number;
  targetTitle: string;
  credits: number;
  weightBp: number;
  startsAt: Date;
  endsAt: Date;
  /** In force at the time asked. */
  active: boolean;
}

/** The shop's own product (listed) or live room (scheduled or live), else 404 / 409. */
async function checkTarget(db: Executor, shopId: number, targetType: BoostTarget, targetId: number) {
  if (targetType === 'product') {
    const product = await getProductSummary(db, targetId);
    if (!product || product.shopId !== shopId) throw notFound('product', targetId);
    if (product.state !== 'listed') throw productNotBoostable();
    return;
  }
  const session = await getSessionView(db, targetId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  });
  if (!session || session.shop?.id !== shopId) throw notFound('live_session', targetId);
  if (session.state !== 'scheduled' && session.state !== 'live') throw liveNotBoostable();
}

/**
 * 一键助推: spends the shop's exposure credits on a boost of its product or live room for `hours`,
 * from now. The shop's credit row is locked first, so concurrent spends of one shop queue: the
 * balance never goes negative, and at most one boost per target is in force. Spend and boost are one
 * transaction (the caller's).
 */
export async function buyBoost(
  tx: Executor,
  input: { shopId: number; targetType: BoostTarget; targetId: number; hours: number; by: number },
  now: Date,
): Promise<Boost> {
  const terms = (await versionInForce(tx, 'new_merchant', now)).boost!;
  const problem = checkBoostHours(input.hours, terms);
  if (problem) throw invalidField(problem.field, `must be <= ${terms.maxHours}`);
  await checkTarget(tx, input.shopId, input.targetType, input.targetId);
  const balance = await lockShopCredits(tx, input.shopId);
  const running = await tx
    .selectFrom('growthBoosts')
    .select('endsAt')
    .where('targetType', '=', input.targetType)
    .where('targetId', '=', input.targetId)
    .where('startsAt', '<=', now)
    .where('endsAt', '>', now)
    .executeTakeFirst();
  if (running) throw boostActive(running.endsAt);
  const cost = boostCost(input.hours, terms);
  if (balance < cost) throw insufficientCredits(balance, cost);
  const endsAt = new Date(now.getTime() + input.hours * HOUR_MS);
  const { entryId } = await postCredits(tx, {
    idempotencyKey: `boost:${input.shopId}:${input.targetType}:${input.targetId}:${now.toISOString()}`,
    kind: 'boost',
    cause: { type: input.targetType === 'live' ? 'live_session' : 'product', id: input.targetId },
    memo: `${input.hours}h`,
    at: now,
    postings: [
      { account: shopAccount(input.shopId), amount: -cost },
      { account: SPENT, amount: cost },
    ],
  });
  const row = await tx
    .insertInto('growthBoosts')
    .values({
      shopId: input.shopId,
      targetType: input.targetType,
      targetId: input.targetId,
      credits: cost,
      weightBp: terms.weightBp,
      startsAt: now,
      endsAt,
      creditEntryId: entryId,
      createdBy: input.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await boostsById(tx, [row.id], now))[0]!;
}

/** The shop's boosts, newest first. */
export async function listBoosts(db: Executor, shopId: number, now: Date, limit = 50): Promise<Boost[]> {
  const rows = await db
    .selectFrom('growthBoosts')
    .select('id')
    .where('shopId', '=', shopId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return boostsById(
    db,
    rows.map((r) => r.id),
    now,
  );
}

async function boostsById(db: Executor, ids: number[], now: Date): Promise<Boost[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('growthBoosts')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id', 'desc')
    .execute();
  const productIds = rows.filter((r) => r.targetType === 'product').map((r) => r.targetId);
  const sessionIds = rows.filter((r) => r.targetType === 'live').map((r) => r.targetId);
  const [products, sessions] = await Promise.all([
    getProductSummaries(db, productIds),
    sessionTitles(db, sessionIds),
  ]);
  const productTitles = new Map(products.map((p) => [p.id, p.title]));
  return rows.map((r) => ({
    id: r.id,
    targetType: r.targetType,
    targetId: r.targetId,
    targetTitle:
      (r.targetType === 'product' ? productTitles.get(r.targetId) : sessions.get(r.targetId)) ?? '',
    credits: r.credits,
    weightBp: r.weightBp,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    active: r.startsAt <= now && r.endsAt > now,
  }));
}
