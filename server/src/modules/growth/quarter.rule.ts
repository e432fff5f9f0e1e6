/** A calendar quarter of the platform calendar: `2026-Q4` and its [start, end) instants. */
export interface Quarter {
  code: string;
  start: Date;
  end: Date;
}

/** The quarter `at` falls in, on a calendar `offsetMinutes` east of UTC (+480: Asia/Shanghai). */
export function quarterOf(at: Date, offsetMinutes: number): Quarter {
  const offset = offsetMinutes * 60_000;
  const local = new Date(at.getTime() + offset);
  const year = local.getUTCFullYear();
  const q = Math.floor(local.getUTCMonth() / 3);
  return {
    code: `${year}-Q${q + 1}`,
    start: new Date(Date.UTC(year, q * 3, 1) - offset),
    end: new Date(Date.UTC(year, q * 3 + 3, 1) - offset),
  };
}

/** The quarter a code names (`2026-Q4`), or null when the code is not one. */
export function parseQuarter(code: string, offsetMinutes: number): Quarter | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(code);
  if (!match) return null;
  const offset = offsetMinutes * 60_000;
  const [year, q] = [Number(match[1]), Number(match[2]) - 1];
  return {
    code,
    start: new Date(Date.UTC(year, q * 3, 1) - offset),
    end: new Date(Date.UTC(year, q * 3 + 3, 1) - offset),
  };
}
