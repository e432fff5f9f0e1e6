import type { Tx } from '../../platform/db.ts';
import { type DeadlineHandlers, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { scanInjuredBuyers } from './scan.service.ts';

/** The injured-buyer scan; one platform-wide deadline (subject 1) that reschedules itself. */
export const SCAN_INJURED = 'care.scan_injured';
const SUBJECT = 1;
const EVERY_MS = 15 * 60_000;

/** Makes sure the scan is scheduled, due at `now` (called on start; a pending one is kept). */
export function scheduleCareScan(tx: Tx, now: Date): Promise<boolean> {
  return scheduleDeadline(tx, { kind: SCAN_INJURED, subjectId: SUBJECT, dueAt: now });
}

/** The scan runs every 15 minutes, rescheduling itself in the same transaction. */
export function careDeadlineHandlers(): DeadlineHandlers {
  return {
    [SCAN_INJURED]: async (tx, _deadline, { now }) => {
      await scanInjuredBuyers(tx, now);
      await scheduleDeadline(tx, {
        kind: SCAN_INJURED,
        subjectId: SUBJECT,
        dueAt: new Date(now.getTime() + EVERY_MS),
      });
    },
  };
}
