import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';

/** DOMAIN.md §9: a flash sale lasts at least a minute and at most a day. */
export const MIN_WINDOW_MS = MINUTE;
export const MAX_WINDOW_MS = 24 * HOUR;
/** How far ahead a sale may be scheduled. */
export const MAX_LEAD_MS = 30 * DAY;
/** A start this little in the past (clock skew, a slow request) means "now". */
export const START_SKEW_MS = MINUTE;

export interface FlashSaleProposal {
  priceFen: number;
  stockCap: number;
  perBuyerLimit: number;
  startsAt: Date;
  endsAt: Date;
}

export interface SkuTerms {
  /** The SKU's own price now. */
  priceFen: number;
  /** Units on the shelf now. */
  stock: number;
}

export interface FieldProblem {
  field: 'priceFen' | 'stockCap' | 'perBuyerLimit' | 'startsAt' | 'endsAt';
  reason: string;
}

/**
 * The rules of a new flash sale (DOMAIN.md §9), as the fields they concern: the price is above zero and
 * below the SKU's price; the cap is at least 1 and no more than the SKU's stock; each buyer may take at
 * least 1 (and not more than the cap); the sale starts now or later (within 30 days) and lasts 1 min–24 h.
 */
export function flashSaleProblems(p: FlashSaleProposal, sku: SkuTerms, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!(p.priceFen > 0)) problems.push({ field: 'priceFen', reason: 'must be above 0' });
  else if (p.priceFen >= sku.priceFen) {
    problems.push({ field: 'priceFen', reason: `must be below the SKU's price of ${sku.priceFen} fen` });
  }
  if (!(p.stockCap >= 1)) problems.push({ field: 'stockCap', reason: 'must be at least 1' });
  else if (p.stockCap > sku.stock) {
    problems.push({ field: 'stockCap', reason: `must not exceed the SKU's stock of ${sku.stock}` });
  }
  if (!(p.perBuyerLimit >= 1)) problems.push({ field: 'perBuyerLimit', reason: 'must be at least 1' });
  else if (p.stockCap >= 1 && p.perBuyerLimit > p.stockCap) {
    problems.push({ field: 'perBuyerLimit', reason: 'must not exceed the stock cap' });
  }
  const start = p.startsAt.getTime();
  const lead = start - now.getTime();
  if (lead < -START_SKEW_MS) problems.push({ field: 'startsAt', reason: 'must be now or in the future' });
  else if (lead > MAX_LEAD_MS) problems.push({ field: 'startsAt', reason: 'must be within 30 days' });
  const window = p.endsAt.getTime() - Math.max(start, now.getTime());
  if (window < MIN_WINDOW_MS)
    problems.push({ field: 'endsAt', reason: 'the sale must last at least 1 minute' });
  else if (window > MAX_WINDOW_MS)
    problems.push({ field: 'endsAt', reason: 'the sale must last at most 24 hours' });
  return problems;
}

/** A start a moment in the past means now (see START_SKEW_MS). */
export function effectiveStart(startsAt: Date, now: Date): Date {
  return startsAt.getTime() < now.getTime() ? now : startsAt;
}
