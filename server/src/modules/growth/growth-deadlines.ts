import type { Tx } from '../../platform/db.ts';
import { type DeadlineHandlers, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { sellingShops } from '../shops/index.ts';
import { evaluateLadder, LADDER_FOR_DAYS } from './ladder.service.ts';
import { currentAndPrevious, measureQuarter } from './quarters.service.ts';

/** The daily evaluation of growth programmes; one platform-wide deadline (subject 1). */
export const EVALUATE_GROWTH = 'growth.evaluate';
const SUBJECT = 1;
const EVERY_MS = 24 * 3_600_000;
const DAY_MS = 86_400_000;
// Facts are read set-based for this many shops at a time.
const BATCH = 500;

/**
 * Brings every selling shop's programmes up to date as of `now` (product rules §7.5): the ladder of
 * shops in their first 90 days (joining it if need be), the current quarter of 斗金, and the final
 * result of the quarter before (due for ops to pay, or not earned).
 */
export async function evaluateGrowth(tx: Tx, now: Date): Promise<{ shops: number; stepsCompleted: number }> {
  const [current, previous] = currentAndPrevious(now);
  const shops = await sellingShops(tx);
  const young = shops.filter((s) => now.getTime() - s.createdAt.getTime() < LADDER_FOR_DAYS * DAY_MS);
  let stepsCompleted = 0;
  for (let i = 0; i < young.length; i += BATCH) {
    const done = await evaluateLadder(tx, young.slice(i, i + BATCH), now);
    for (const codes of done.values()) stepsCompleted += codes.length;
  }
  for (let i = 0; i < shops.length; i += BATCH) {
    const ids = shops.slice(i, i + BATCH).map((s) => s.id);
    // the quarter before: its open results become final; shops it never measured get none
    await measureQuarter(tx, ids, previous, now, { onlyMeasuring: true });
    await measureQuarter(tx, ids, current, now);
  }
  return { shops: shops.length, stepsCompleted };
}

/** Makes sure the daily evaluation is scheduled, due at `now` (called on start; idempotent). */
export function scheduleGrowthEvaluation(tx: Tx, now: Date): Promise<boolean> {
  return scheduleDeadline(tx, { kind: EVALUATE_GROWTH, subjectId: SUBJECT, dueAt: now });
}

/** The evaluation runs, then schedules itself 24 h later in the same transaction. */
export function growthDeadlineHandlers(): DeadlineHandlers {
  return {
    [EVALUATE_GROWTH]: async (tx, _deadline, { now }) => {
      await evaluateGrowth(tx, now);
      await scheduleDeadline(tx, {
        kind: EVALUATE_GROWTH,
        subjectId: SUBJECT,
        dueAt: new Date(now.getTime() + EVERY_MS),
      });
    },
  };
}
