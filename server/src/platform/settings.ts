import { DAY, HOUR, MINUTE } from './clock.ts';

/**
 * Platform rules with numbers (product rules §2–3): the `marketplace` and `deposits` sections of the
 * versioned configuration (configuration key = section + field, e.g. `marketplace.shipByMs`). Services
 * read them from `ctx.settings`, never from constants of their own; the configuration module keeps that
 * object equal to the version in force in every process (loaded at start, replaced in place when ops
 * store a new version). These defaults are version 1's (a test keeps them equal).
 */
export interface Settings {
  /** §2 `marketplace.paymentTimeoutMs`: unpaid orders auto-cancel and release stock. */
  paymentTimeoutMs: number;
  /** `marketplace.paymentAnswerTimeoutMs`: a charge the provider has not answered this long after it started times out; the buyer may pay again. */
  paymentAnswerTimeoutMs: number;
  /** §2 `marketplace.shipByMs`: ship-by promise after payment. */
  shipByMs: number;
  /** §2 `marketplace.autoConfirmMs`: receipt auto-confirms this long after delivery. */
  autoConfirmMs: number;
  /** §2 `marketplace.settlementDelayMs`: settlement waits this long after completion (the after-sales window). */
  settlementDelayMs: number;
  /** §3 `deposits.zeroDepositWithholdBp`: share of each settlement withheld while a zero-deposit shop's deposit is short, in bp. */
  zeroDepositWithholdBp: number;
  /** §3 `deposits.depositTopUpMs`: a shop must top up its deposit within this long after a deduction, else settlement freezes. */
  depositTopUpMs: number;
  /** `marketplace.maxLineQuantity`: largest quantity of one SKU in one order. */
  maxLineQuantity: number;
  /**
   * §6.2 `risk.reviewShareAlert`: a rule sending more than `shareBp` of its checkpoint's decisions to
   * review over `windowMs` (once there are `minDecisions`) is flagged in the policy editor.
   */
  reviewShareAlert: { shareBp: number; minDecisions: number; windowMs: number };
}

/** Version 1's values; frozen: a process gives its context a copy, which the configuration keeps current. */
export const defaultSettings: Readonly<Settings> = Object.freeze({
  paymentTimeoutMs: 15 * MINUTE,
  paymentAnswerTimeoutMs: 5 * MINUTE,
  shipByMs: 48 * HOUR,
  autoConfirmMs: 10 * DAY,
  settlementDelayMs: 7 * DAY,
  zeroDepositWithholdBp: 1_000,
  depositTopUpMs: 7 * DAY,
  maxLineQuantity: 999,
  reviewShareAlert: Object.freeze({ shareBp: 2_000, minDecisions: 50, windowMs: 24 * HOUR }),
});
