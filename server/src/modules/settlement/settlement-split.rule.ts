import { applyBasisPoints, type Fen } from '../../platform/money.ts';
import { proRata } from './pro-rata.rule.ts';

export interface SplitLine {
  /** What the buyer paid for the line (after coupon discounts): commissions are on this. */
  paidFen: Fen;
  /** The category's rate, frozen at purchase. */
  platformCommissionBp: number;
  /** The live pin's rate, frozen at purchase (0 outside a live room). */
  creatorCommissionBp: number;
}

export interface SplitInput {
  /** What the buyer paid for the order (held in escrow). */
  paidFen: Fen;
  /** Already refunded, or being refunded, out of escrow for this order. */
  refundedFen: Fen;
  lines: readonly SplitLine[];
  /** The order came from a live room with a host to pay; without one no creator commission is due. */
  hasCreator: boolean;
  /** The platform coupon's discount on the order: the platform pays it to the merchant (default 0). */
  platformDiscountFen?: Fen;
}

export interface SettlementSplit {
  /** What leaves escrow: paid minus refunded. */
  settledFen: Fen;
  platformCommissionFen: Fen;
  creatorCommissionFen: Fen;
  /** The platform discount of what was not refunded, paid from the platform's subsidy account. */
  subsidyFen: Fen;
  /** The merchant's share, subsidy included, before any deposit withholding. */
  merchantFen: Fen;
}

/**
 * product rules §2: at settlement the platform takes its category commission per line, the host of the
 * live room its commission per line, and the merchant the rest. Refunds come off first; commissions
 * then shrink pro rata to what is left of the order (§5: commissions are reversed pro rata). Commissions
 * are on what the buyer paid for the lines; shipping carries none. §9: the platform pays the merchant the
 * platform coupon's discount, pro rata to what was not refunded, like the commissions.
 */
export function splitSettlement(input: SplitInput): SettlementSplit {
  const { paidFen, refundedFen } = input;
  if (!Number.isSafeInteger(paidFen) || paidFen < 0) throw new RangeError(`paidFen invalid: ${paidFen}`);
  if (!Number.isSafeInteger(refundedFen) || refundedFen < 0 || refundedFen > paidFen) {
    throw new RangeError(`refundedFen must be between 0 and ${paidFen}, got ${refundedFen}`);
  }
  let platformFull = 0;
  let creatorFull = 0;
  const discountFen = input.platformDiscountFen ?? 0;
  if (!Number.isSafeInteger(discountFen) || discountFen < 0)
    throw new RangeError(`platformDiscountFen invalid: ${discountFen}`);
  for (const line of input.lines) {
    const platform = applyBasisPoints(line.paidFen, line.platformCommissionBp);
    platformFull += platform;
    // Rates that add up past 100% would leave the merchant owing: the creator gets at most the rest.
    if (input.hasCreator)
      creatorFull += Math.min(
        applyBasisPoints(line.paidFen, line.creatorCommissionBp),
        line.paidFen - platform,
      );
  }
  if (platformFull + creatorFull > paidFen) {
    throw new RangeError(`commissions (${platformFull + creatorFull}) exceed the paid amount (${paidFen})`);
  }
  const settledFen = paidFen - refundedFen;
  // Nothing paid (a discount covered everything): nothing could be refunded, the subsidy is whole.
  const subsidyFen = paidFen === 0 ? discountFen : proRata(discountFen, settledFen, paidFen);
  if (settledFen === 0) {
    return {
      settledFen: 0,
      platformCommissionFen: 0,
      creatorCommissionFen: 0,
      subsidyFen,
      merchantFen: subsidyFen,
    };
  }
  // Scaling both commissions together keeps their sum within what is left (two separate roundings
  // up could take 1 fen more than the order holds); the creator's share is that sum minus the platform's.
  const commissionFen = proRata(platformFull + creatorFull, settledFen, paidFen);
  const platformCommissionFen = Math.min(proRata(platformFull, settledFen, paidFen), commissionFen);
  return {
    settledFen,
    platformCommissionFen,
    creatorCommissionFen: commissionFen - platformCommissionFen,
    subsidyFen,
    merchantFen: settledFen - commissionFen + subsidyFen,
  };
}
