import type { Tx } from '../../platform/db.ts';
import { type DeadlineHandlers, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { sampleNpsInvitations } from './sampling.service.ts';

/** The hourly NPS sampling; one platform-wide deadline (subject 1) that reschedules itself. */
export const SAMPLE_NPS = 'surveys.sample_nps';
const SUBJECT = 1;
const EVERY_MS = 3_600_000;

/** Makes sure the sampling is scheduled, due at `now` (called on start; a pending one is kept). */
export function scheduleNpsSampling(tx: Tx, now: Date): Promise<boolean> {
  return scheduleDeadline(tx, { kind: SAMPLE_NPS, subjectId: SUBJECT, dueAt: now });
}

/** The sampling runs, then schedules itself an hour later in the same transaction. */
export function surveysDeadlineHandlers(): DeadlineHandlers {
  return {
    [SAMPLE_NPS]: async (tx, _deadline, { now }) => {
      await sampleNpsInvitations(tx, now);
      await scheduleDeadline(tx, {
        kind: SAMPLE_NPS,
        subjectId: SUBJECT,
        dueAt: new Date(now.getTime() + EVERY_MS),
      });
    },
  };
}
