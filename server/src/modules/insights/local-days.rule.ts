const DAY_MS = 24 * 3_600_000;

export interface LocalDay {
  /** The calendar date, YYYY-MM-DD. */
  date: string;
  /** Local midnight, as an instant. */
  start: Date;
}

/** The local calendar date of `at` on a calendar `offsetMinutes` east of UTC (+480: Asia/Shanghai). */
export function localDate(at: Date, offsetMinutes: number): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The last `count` local days, oldest first, ending with the day `now` falls in. */
export function lastLocalDays(now: Date, offsetMinutes: number, count: number): LocalDay[] {
  const offsetMs = offsetMinutes * 60_000;
  const todayStart = Math.floor((now.getTime() + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(todayStart - (count - 1 - i) * DAY_MS);
    return { date: localDate(start, offsetMinutes), start };
  });
}
