import type { Tx } from '../../platform/db.ts';
import { type DeadlineHandlers, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { ingestFeedback } from './ingest.service.ts';

/** The voice of the user reads new feedback every 15 minutes; one platform-wide deadline (subject 1). */
export const INGEST_FEEDBACK = 'voice.ingest_feedback';
const SUBJECT = 1;
export const INGEST_EVERY_MS = 15 * 60_000;

/** Makes sure the ingestion is scheduled, due at `now` (called on start; a pending one is kept). */
export function scheduleFeedbackIngestion(tx: Tx, now: Date): Promise<boolean> {
  return scheduleDeadline(tx, { kind: INGEST_FEEDBACK, subjectId: SUBJECT, dueAt: now });
}

/** Ingestion runs, then schedules itself 15 minutes later in the same transaction. */
export function voiceDeadlineHandlers(): DeadlineHandlers {
  return {
    [INGEST_FEEDBACK]: async (tx, _deadline, { now }) => {
      await ingestFeedback(tx, now);
      await scheduleDeadline(tx, {
        kind: INGEST_FEEDBACK,
        subjectId: SUBJECT,
        dueAt: new Date(now.getTime() + INGEST_EVERY_MS),
      });
    },
  };
}
