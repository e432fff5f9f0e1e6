import type { AftersalesPolicy } from '../../configuration/index.ts';

const DAY_MS = 24 * 3_600_000;

/**
 * The 7-day no-reason return window (product rules §4 `no_reason_7d`): 7 × 24 h counted from 00:00 local
 * time of the day after delivery. The window is [opensAt, closesAt): closed at `closesAt` exactly.
 * "Local" is the platform's calendar, `policy.timezoneOffsetMinutes` east of UTC (+480, Asia/Shanghai).
 */
export function noReasonWindow(
  deliveredAt: Date,
  policy: Pick<AftersalesPolicy, 'noReasonReturnMs' | 'timezoneOffsetMinutes'>,
): { opensAt: Date; closesAt: Date } {
  const offsetMs = policy.timezoneOffsetMinutes * 60_000;
  // Shift to local wall-clock time, find that day's midnight, step one day on, shift back.
  const localMidnight = Math.floor((deliveredAt.getTime() + offsetMs) / DAY_MS) * DAY_MS;
  const nextDayStart = localMidnight + DAY_MS - offsetMs;
  return {
    opensAt: new Date(deliveredAt.getTime()),
    closesAt: new Date(nextDayStart + policy.noReasonReturnMs),
  };
}

/** Whether `now` falls inside the no-reason window of a delivery. */
export function withinNoReasonWindow(
  deliveredAt: Date,
  now: Date,
  policy: Pick<AftersalesPolicy, 'noReasonReturnMs' | 'timezoneOffsetMinutes'>,
): boolean {
  const { opensAt, closesAt } = noReasonWindow(deliveredAt, policy);
  return now >= opensAt && now < closesAt;
}
