import { DAY, HOUR, MINUTE } from './clock.ts';

/**
 * Platform rules with numbers (product rules §2–3). Every one is a configurable default: services read
 * them from `ctx.settings`, never from constants of their own.
 */
export interface Settings {
  /** §2: unpaid orders auto-cancel and release stock. */
  paymentTimeoutMs: number;
  /** A charge the provider has not answered this long after it started times out; the buyer may pay again. */
  paymentAnswerTimeoutMs: number;
  /** §2: ship-by promise after payment. */
  shipByMs: number;
  /** §2: receipt auto-confirms this long after delivery. */
  autoConfirmMs: number;
  /** §2: settlement waits this long after completion (the after-sales window). */
  settlementDelayMs: number;
  /** §3: share of each settlement withheld while a zero-deposit shop's deposit is short, in bp. */
  zeroDepositWithholdBp: number;
  /** §3: a shop must top up its deposit within this long after a deduction, else settlement freezes. */
  depositTopUpMs: number;
  /** Largest quantity of one SKU in one order. */
  maxLineQuantity: number;
}

export const defaultSettings: Settings = {
  paymentTimeoutMs: 15 * MINUTE,
  paymentAnswerTimeoutMs: 5 * MINUTE,
  shipByMs: 48 * HOUR,
  autoConfirmMs: 10 * DAY,
  settlementDelayMs: 7 * DAY,
  zeroDepositWithholdBp: 1_000,
  depositTopUpMs: 7 * DAY,
  maxLineQuantity: 999,
};
