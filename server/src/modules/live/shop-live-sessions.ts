import type { Executor } from '../../platform/db.ts';

/** A live session of a shop that went on air: when it started, and when it ended (null while live). */
export interface AiredSession {
  shopId: number;
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * The sessions of the given shops that were on air at some time in [from, to): started before `to` and
 * not ended before `from`. Sessions ops terminated do not count (they broke the rules).
 */
export async function shopLiveSessions(
  db: Executor,
  shopIds: readonly number[],
  from: Date,
  to: Date,
): Promise<AiredSession[]> {
  if (shopIds.length === 0) return [];
  const rows = await db
    .selectFrom('liveSessions')
    .select(['shopId', 'startedAt', 'endedAt'])
    .where('shopId', 'in', [...shopIds])
    .where('state', 'in', ['live', 'ended'])
    .where('startedAt', 'is not', null)
    .where('startedAt', '<', to)
    .where((eb) => eb.or([eb('endedAt', 'is', null), eb('endedAt', '>', from)]))
    .orderBy('startedAt')
    .execute();
  return rows.map((r) => ({ shopId: r.shopId!, startedAt: r.startedAt!, endedAt: r.endedAt }));
}
