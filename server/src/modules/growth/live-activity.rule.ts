/** A session on air: from its start to its end (null while still live). */
export interface Airtime {
  startedAt: Date;
  endedAt: Date | null;
}

const DAY_MS = 86_400_000;

/** The most sessions started within any `windowMs` (3 live sessions in a week: 7 days). */
export function mostStartsWithin(sessions: readonly Airtime[], windowMs: number): number {
  const starts = sessions.map((s) => s.startedAt.getTime()).sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < starts.length; last++) {
    while (starts[last]! - starts[first]! >= windowMs) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

/**
 * Minutes on air within [from, min(to, now)) (a live session counts up to now) and the number of
 * local days (`offsetMinutes` east of UTC) with any airtime in that window (直播时长 / 开播天数).
 */
export function airtimeIn(
  sessions: readonly Airtime[],
  window: { from: Date; to: Date; now: Date; offsetMinutes: number },
): { minutes: number; days: number } {
  const from = window.from.getTime();
  const to = Math.min(window.to.getTime(), window.now.getTime());
  const offset = window.offsetMinutes * 60_000;
  let ms = 0;
  const days = new Set<number>();
  for (const s of sessions) {
    const start = Math.max(s.startedAt.getTime(), from);
    const end = Math.min(s.endedAt?.getTime() ?? window.now.getTime(), to);
    if (end <= start) continue;
    ms += end - start;
    for (
      let day = Math.floor((start + offset) / DAY_MS);
      day <= Math.floor((end - 1 + offset) / DAY_MS);
      day++
    ) {
      days.add(day);
    }
  }
  return { minutes: Math.floor(ms / 60_000), days: days.size };
}
