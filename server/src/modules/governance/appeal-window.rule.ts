import type { GovernanceConfig } from '../configuration/index.ts';
import type { ViolationState } from './governance.tables.ts';

/** The numbers of the appeal rule: configuration keys `governance.appealWindowMs`, `governance.maxAppealsPerViolation`. */
export type AppealRules = Pick<GovernanceConfig, 'appealWindowMs' | 'maxAppealsPerViolation'>;

export type AppealRefusal =
  | { code: 'deadline_passed'; reason: string }
  | { code: 'conflict'; reason: string };

export interface AppealInput {
  violationState: ViolationState;
  violationCreatedAt: Date;
  appealsSoFar: number;
  hasPendingAppeal: boolean;
  now: Date;
  rules: AppealRules;
}

export function appealDeadline(violationCreatedAt: Date, rules: Pick<AppealRules, 'appealWindowMs'>): Date {
  return new Date(violationCreatedAt.getTime() + rules.appealWindowMs);
}

/**
 * product rules §6: why the merchant may not appeal now, or null when they may (within the appeal
 * window of the violation, at most so many appeals, one open at a time). Enforcement is not paused.
 */
export function appealRefusal(input: AppealInput): AppealRefusal | null {
  if (input.violationState === 'reversed') {
    return { code: 'conflict', reason: 'the violation was already reversed' };
  }
  if (input.hasPendingAppeal) return { code: 'conflict', reason: 'an appeal of this violation is open' };
  if (input.appealsSoFar >= input.rules.maxAppealsPerViolation) {
    return {
      code: 'conflict',
      reason: `at most ${input.rules.maxAppealsPerViolation} appeals per violation`,
    };
  }
  if (input.now.getTime() > appealDeadline(input.violationCreatedAt, input.rules).getTime()) {
    return {
      code: 'deadline_passed',
      reason: `appeals are accepted within ${duration(input.rules.appealWindowMs)} of the violation`,
    };
  }
  return null;
}

function duration(ms: number): string {
  const hours = ms / 3_600_000;
  return hours % 24 === 0 ? `${hours / 24} days` : `${Math.round(hours * 100) / 100} hours`;
}
