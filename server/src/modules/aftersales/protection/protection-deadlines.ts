import type { Tx } from '../../../platform/db.ts';
import { type DeadlineHandlers, scheduleDeadline } from '../../../platform/scheduler/index.ts';
import { refreshBuyerLabels } from './buyer-labels.service.ts';
import { detectFreightAbuse } from './freight-abuse.service.ts';
import { detectSkuSpikes } from './sku-protection.service.ts';

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

/** The hourly look for SKUs whose quality-refund rate spiked (product rules §8.5); one platform-wide deadline. */
export const DETECT_SKU_SPIKES = 'aftersales.detect_sku_spikes';
const SPIKES_EVERY_MS = 3_600_000;

/** Makes sure the hourly spike detection is scheduled, due at `now` (called on start; idempotent). */
export function scheduleSkuSpikeDetection(tx: Tx, now: Date): Promise<boolean> {
  return scheduleDeadline(tx, { kind: DETECT_SKU_SPIKES, subjectId: SUBJECT, dueAt: now });
}

/** Each check runs, then schedules itself (24 h, 1 h) later in the same transaction. */
export function protectionDeadlineHandlers(): DeadlineHandlers {
  return {
    [DETECT_SKU_SPIKES]: async (tx, _deadline, { now }) => {
      await detectSkuSpikes(tx, now);
      await scheduleDeadline(tx, {
        kind: DETECT_SKU_SPIKES,
        subjectId: SUBJECT,
        dueAt: new Date(now.getTime() + SPIKES_EVERY_MS),
      });
    },
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
