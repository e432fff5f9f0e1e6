import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { probationLimitOf } from '../shops/index.ts';

/**
 * A probation shop may have only so many products listed or in review at once, by the risk tier
 * onboarding gave it (product rules §6): submitting one more is refused with 409 naming the limit.
 * Submissions of one shop wait for each other here, so two at once cannot both take the last place.
 */
export async function assertWithinProbationLimit(tx: Tx, shopId: number): Promise<void> {
  const probation = await probationLimitOf(tx, shopId);
  if (probation === null) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`probation_listings:${shopId}`}, 0))`.execute(tx);
  const { count } = await tx
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('shopId', '=', shopId)
    .where('state', 'in', ['listed', 'in_review'])
    .executeTakeFirstOrThrow();
  if (Number(count) >= probation.limit)
    throw new AppError(
      'probation_limit_reached',
      `shop ${shopId} is in probation with risk tier ${probation.riskTier}: at most ${probation.limit} products may be listed or in review`,
      { limit: probation.limit, riskTier: probation.riskTier, current: Number(count) },
      { key: 'probation_limit', params: { limit: probation.limit } },
    );
}
