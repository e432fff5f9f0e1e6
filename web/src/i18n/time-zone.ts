/**
 * The platform has one time zone (the server's setting, Asia/Shanghai unless configured otherwise):
 * every time is shown and typed in it, whatever zone the reader's browser is in. The server names
 * it in the page (`<meta name="xinren-time-zone">`); a page without it (the dev server) uses the default.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The platform's time zone, as the server named it in the page. */
export function platformTimeZone(): string {
  const named = globalThis.document
    ?.querySelector('meta[name="xinren-time-zone"]')
    ?.getAttribute('content')
    ?.trim();
  return named && isTimeZone(named) ? named : DEFAULT_TIME_ZONE;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `ms` in `zone`. */
function wallClock(ms: number, zone: string) {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(zone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes `zone` is ahead of UTC at the moment `ms` (480 for Asia/Shanghai). */
export function offsetMinutes(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** "UTC+8", "UTC-4:30", "UTC" for an offset in minutes. */
export function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The moment a `datetime-local` value ("2026-12-06T20:00") names in `zone`, as an ISO string; the
 * value itself when it is not one (the server then names the field). A wall-clock time skipped by a
 * daylight-saving change is read with the offset before the change.
 */
export function zonedInputToIso(value: string, zone: string): string {
  const m = value.match(LOCAL_INPUT);
  if (!m) return value;
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  let ms = asUtc - offsetMinutes(asUtc, zone) * 60_000;
  // the offset at the guess may differ from the offset at the answer (near a daylight-saving change)
  const second = asUtc - offsetMinutes(ms, zone) * 60_000;
  if (offsetMinutes(second, zone) === offsetMinutes(ms, zone)) ms = second;
  return new Date(ms).toISOString();
}

/** The `datetime-local` value ("2026-12-06T20:00") of a moment in `zone`; '' for none. */
export function isoToZonedInput(value: string | Date | null | undefined, zone: string): string {
  if (!value) return '';
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) return '';
  const w = wallClock(ms, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}
