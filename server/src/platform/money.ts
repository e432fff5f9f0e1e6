/** Money is integer fen (1/100 CNY) everywhere. */
export type Fen = number;

export function assertFen(value: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(value))
    throw new Error(`${what} must be a safe integer number of fen, got ${value}`);
  return value;
}

/**
 * The one rounding rule for percentages: basis points (1/100 of a percent) applied to fen, rounded
 * half up. 1,000 bp = 10%.
 */
export function applyBasisPoints(amount: Fen, basisPoints: number): Fen {
  assertFen(amount);
  if (!Number.isInteger(basisPoints)) throw new Error(`basis points must be an integer, got ${basisPoints}`);
  const product = amount * basisPoints;
  if (!Number.isSafeInteger(product)) throw new Error('amount too large for percentage arithmetic');
  const sign = product < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(product) + 5_000) / 10_000);
}

/** ¥ with thousands grouped and two decimals, as the web apps show money: 249900 → "¥2,499.00". */
export function formatYuan(amount: Fen): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}
