import type { Transitions } from '../../platform/state-machine.ts';
import type { QuarterState } from './growth.tables.ts';

/**
 * A shop's 斗金 quarter (product rules §7.5): measured while it runs; final at its end (due when a tier
 * was reached, else not earned); a due payout is paid once by ops.
 */
export const quarterTransitions = {
  measuring: ['due', 'not_earned'],
  due: ['paid'],
  not_earned: [],
  paid: [],
} as const satisfies Transitions<QuarterState>;
