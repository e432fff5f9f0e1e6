import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export interface ViolationsToFix {
  /** Warnings the shop can still fix (product rules §6: a first general violation has 72 h to fix). */
  count: number;
  /** The soonest fix-by among them, or null when none is open. */
  soonestFixBy: Date | null;
}

/** A shop's warned violations whose time to fix has not passed. */
export async function violationsToFix(db: Executor, shopId: number, now: Date): Promise<ViolationsToFix> {
  const row = await db
    .selectFrom('governanceViolations')
    .select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`min(fix_by)`.as('soonest')])
    .where('shopId', '=', shopId)
    .where('state', '=', 'warned')
    .where('fixBy', '>', now)
    .executeTakeFirstOrThrow();
  return { count: row.n, soonestFixBy: row.soonest };
}
