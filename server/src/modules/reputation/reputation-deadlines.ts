import type { Tx } from '../../platform/db.ts';
import { type DeadlineHandlers, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { recomputeScores } from './recompute.service.ts';
import type { AfterScoresRecomputed } from './reputation-ports.ts';

/** The daily recompute of every shop's experience score; one platform-wide deadline (subject 1). */
export const RECOMPUTE_SCORES = 'reputation.recompute_scores';
const SUBJECT = 1;
const EVERY_MS = 24 * 3_600_000;

/**
 * Makes sure the daily recompute is scheduled, due at `now` (called on start; idempotent: a pending
 * recompute is kept as it is).
 */
export function scheduleScoreRecompute(tx: Tx, now: Date): Promise<boolean> {
  return scheduleDeadline(tx, { kind: RECOMPUTE_SCORES, subjectId: SUBJECT, dueAt: now });
}

/** The recompute runs for every shop, tells standing, then schedules itself 24 h later, all in one transaction. */
export function reputationDeadlineHandlers(after: AfterScoresRecomputed): DeadlineHandlers {
  return {
    [RECOMPUTE_SCORES]: async (tx, _deadline, { now }) => {
      const result = await recomputeScores(tx, now);
      await after(tx, now, result.shopIds);
      await scheduleDeadline(tx, {
        kind: RECOMPUTE_SCORES,
        subjectId: SUBJECT,
        dueAt: new Date(now.getTime() + EVERY_MS),
      });
    },
  };
}
