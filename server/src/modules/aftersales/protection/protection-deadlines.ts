import type { Tx } from '../../../platform/db.ts';
import { type DeadlineHandlers, scheduleDeadline } from '../../../platform/scheduler/index.ts';
import { refreshBuyerLabels } from './buyer-labels.service.ts';
import { detectFreightAbuse } from './freight-abuse.service.ts';

/** The daily refresh of buyer labels and freight-abuse flags; one platform-wide deadline (subject 1). */
export const REFRESH_PROTECTION = 'aftersales.refresh_protection';
const SUBJECT = 1;
const EVERY_MS = 24 * 3_600_000;

/** Recomputes high-refund labels and freight-abuse flags as of `now` (product rules §5). */
export async function refreshProtection(tx: Tx, now: Date) {
  const labels = await refreshBuyerLabels(tx, now);
  const freight = await detectFreightAbuse(tx, now);
  return { labels, freight };
}

/**
 * Makes sure the daily refresh is scheduled, due at `now` (called on start; idempotent: a pending
 * refresh is kept as it is).
 * @returns whether a refresh was scheduled.
 */
export function scheduleProtectionRefresh(tx: Tx, now: Date): Promise<boolean> {
  return scheduleDeadline(tx, { kind: REFRESH_PROTECTION, subjectId: SUBJECT, dueAt: now });
}

/** The refresh runs, then schedules itself 24 h later in the same transaction. */
export function protectionDeadlineHandlers(): DeadlineHandlers {
  return {
    [REFRESH_PROTECTION]: async (tx, _deadline, { now }) => {
      await refreshProtection(tx, now);
      await scheduleDeadline(tx, {
        kind: REFRESH_PROTECTION,
        subjectId: SUBJECT,
        dueAt: new Date(now.getTime() + EVERY_MS),
      });
    },
  };
}
