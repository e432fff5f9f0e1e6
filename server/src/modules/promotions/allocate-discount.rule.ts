/**
 * product rules §9 Coupons: splits an order's discount over its lines pro rata to their amounts, by
 * largest remainder (ties: the earlier line), so the shares sum exactly to the discount and no line's
 * share exceeds its amount. A partial refund of a line then returns what was paid for that line.
 */
export function allocateDiscount(discountFen: number, lineFens: number[]): number[] {
  const total = lineFens.reduce((sum, fen) => sum + fen, 0);
  if (!Number.isSafeInteger(discountFen) || discountFen < 0) throw new Error(`bad discount ${discountFen}`);
  if (lineFens.some((fen) => !Number.isSafeInteger(fen) || fen < 0)) throw new Error('bad line amount');
  if (discountFen > total) throw new Error(`discount ${discountFen} exceeds the lines' ${total}`);
  if (discountFen === 0) return lineFens.map(() => 0);
  // BigInt: discount × line can pass 2^53 on large orders.
  const d = BigInt(discountFen);
  const t = BigInt(total);
  const shares = lineFens.map((fen, index) => {
    const exact = d * BigInt(fen);
    return { index, share: Number(exact / t), remainder: exact % t };
  });
  let left = discountFen - shares.reduce((sum, s) => sum + s.share, 0);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  // A line with a remainder has share < its amount, so +1 keeps it within its amount.
  for (const s of byRemainder) {
    if (left === 0) break;
    s.share += 1;
    left -= 1;
  }
  return shares.map((s) => s.share);
}
