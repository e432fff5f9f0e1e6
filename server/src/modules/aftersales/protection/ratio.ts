/**
 * A share in basis points (100 = 1%), rounded half up: the one rounding rule of the protection
 * metrics. Nothing to divide by is a rate of 0.
 */
export function ratioBp(part: number, whole: number): number {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || part < 0 || whole < 0)
    throw new Error(`a ratio needs non-negative integer counts, got ${part}/${whole}`);
  if (whole === 0) return 0;
  return Math.floor((part * 20_000 + whole) / (2 * whole));
}

/** Basis points in words: 1234 → "12.34%", 30000 → "300%". */
export function percent(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}

/** A multiple in basis points in words: 30000 → "3", 25000 → "2.5". */
export function times(bp: number): string {
  return String(Number((bp / 10_000).toFixed(4)));
}
