import type { Finding } from './finding.ts';

export interface RepeatAftersalesFacts {
  /** The buyer's after-sales requests on the order, oldest first (system-made ones left out). */
  requestIds: readonly number[];
  /** When the second of them was opened (null with fewer than two). */
  secondAt: Date | null;
}

/**
 * product rules §8.6 (c): a second after-sales request on one order (a resubmission counts: the first
 * did not settle it). It happened when the second was opened.
 */
export function repeatAftersales(facts: RepeatAftersalesFacts): Finding | null {
  if (facts.requestIds.length < 2 || facts.secondAt === null) return null;
  return {
    rule: 'repeat_aftersales',
    happenedAt: facts.secondAt,
    facts: { requestIds: [...facts.requestIds], requests: facts.requestIds.length },
  };
}
