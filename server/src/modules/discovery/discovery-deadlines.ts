import type { Tx } from '../../platform/db.ts';
import { type DeadlineHandlers, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { refreshAllRanks } from './ranks.refresh.ts';

/** The periodic refresh of every static rank; one platform-wide deadline (subject 1). */
export const REFRESH_RANKS = 'discovery.refresh_ranks';
const SUBJECT = 1;

/** Makes sure the refresh is scheduled, due at `now` (called on start; a pending one is kept). */
export function scheduleRankRefresh(tx: Tx, now: Date): Promise<boolean> {
  return scheduleDeadline(tx, { kind: REFRESH_RANKS, subjectId: SUBJECT, dueAt: now });
}

/** The refresh runs, then schedules itself `ranking.refreshEveryMs` later in the same transaction. */
export function discoveryDeadlineHandlers(): DeadlineHandlers {
  return {
    [REFRESH_RANKS]: async (tx, _deadline, { now }) => {
      await refreshAllRanks(tx, now);
      const { config } = await readCurrentConfig(tx);
      await scheduleDeadline(tx, {
        kind: REFRESH_RANKS,
        subjectId: SUBJECT,
        dueAt: new Date(now.getTime() + config.ranking.refreshEveryMs),
      });
    },
  };
}
