import type { Refusal } from '../../platform/state-machine.ts';
import type { CareConfig } from '../configuration/index.ts';

export interface CapFacts {
  amountFen: number;
  /** What this case has been given already (coupons and cash). */
  caseSpentFen: number;
  /** What care has given on the local day so far. */
  daySpentFen: number;
}

/**
 * product rules §8.6: a compensation fits when the case stays within `perCaseCapFen` and the day within
 * `perDayCapFen`, coupons (their face value) and cash together. The store enforces the day's cap again
 * by a conditional update, so concurrent compensations from any number of processes never pass it.
 */
export function compensationRefusal(
  facts: CapFacts,
  config: Pick<CareConfig, 'perCaseCapFen' | 'perDayCapFen'>,
): Refusal | null {
  const { amountFen, caseSpentFen, daySpentFen } = facts;
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    return { code: 'validation_failed', message: 'amountFen must be a positive integer of fen' };
  if (caseSpentFen + amountFen > config.perCaseCapFen)
    return {
      code: 'conflict',
      message: `the case may get ${config.perCaseCapFen - caseSpentFen} fen more (cap ${config.perCaseCapFen})`,
      details: {
        key: 'care_case_cap',
        params: { leftFen: Math.max(0, config.perCaseCapFen - caseSpentFen) },
      },
    };
  if (daySpentFen + amountFen > config.perDayCapFen)
    return {
      code: 'conflict',
      message: `today's care budget has ${config.perDayCapFen - daySpentFen} fen left (cap ${config.perDayCapFen})`,
      details: { key: 'care_day_cap', params: { leftFen: Math.max(0, config.perDayCapFen - daySpentFen) } },
    };
  return null;
}
