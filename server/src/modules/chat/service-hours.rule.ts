import type { ServiceHours } from './chat.tables.ts';

/** The shop's service hours when it has no settings row (product rules §8): every day 09:00–22:00. */
export const DEFAULT_SERVICE_HOURS: ServiceHours = {
  days: [1, 2, 3, 4, 5, 6, 7],
  from: '09:00',
  to: '22:00',
};

/** Service hours are read on the platform's calendar: Asia/Shanghai, 480 minutes east of UTC. */
export const SERVICE_HOURS_OFFSET_MINUTES = 480;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Whether `at` falls in the service hours, read `offsetMinutes` east of UTC: on a listed ISO weekday
 * (1 = Monday), from `from` (inclusive) to `to` (exclusive). A `to` before `from` runs past midnight
 * and the hours after midnight belong to the day the span started on (Saturday 20:00–02:00 covers
 * Sunday 01:00); equal bounds are the whole day.
 */
export function withinServiceHours(hours: ServiceHours, at: Date, offsetMinutes: number): boolean {
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  if (from === to) return hours.days.includes(weekday);
  if (from < to) return hours.days.includes(weekday) && minutes >= from && minutes < to;
  const previousDay = weekday === 1 ? 7 : weekday - 1;
  return (
    (hours.days.includes(weekday) && minutes >= from) || (hours.days.includes(previousDay) && minutes < to)
  );
}
