import type { Executor } from '../../platform/db.ts';
import { type PointsRules, pointsWindowStart } from './points-milestones.rule.ts';

/** A shop's points over the rolling window (`governance.pointsWindowMs`) up to `now` (reversed ones excluded). */
export async function shopPoints(
  db: Executor,
  shopId: number,
  now: Date,
  rules: Pick<PointsRules, 'pointsWindowMs'>,
): Promise<number> {
  const row = await db
    .selectFrom('governancePoints')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.lit(0)).as('total'))
    .where('shopId', '=', shopId)
    .where('reversedAt', 'is', null)
    .where('at', '>', pointsWindowStart(now, rules))
    .where('at', '<=', now)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
