import type { ViolationState } from './governance.tables.ts';

const DAY_MS = 86_400_000;

/** product rules §6: appeals within 7 days of the violation, at most 2 per violation. */
export const APPEAL_WINDOW_DAYS = 7;
export const MAX_APPEALS_PER_VIOLATION = 2;

export type AppealRefusal =
  | { code: 'deadline_passed'; reason: string }
  | { code: 'conflict'; reason: string };

export interface AppealInput {
  violationState: ViolationState;
  violationCreatedAt: Date;
  appealsSoFar: number;
  hasPendingAppeal: boolean;
  now: Date;
}

export function appealDeadline(violationCreatedAt: Date): Date {
  return new Date(violationCreatedAt.getTime() + APPEAL_WINDOW_DAYS * DAY_MS);
}

/** Why the merchant may not appeal now, or null when they may. Enforcement is not paused meanwhile. */
export function appealRefusal(input: AppealInput): AppealRefusal | null {
  if (input.violationState === 'reversed') {
    return { code: 'conflict', reason: 'the violation was already reversed' };
  }
  if (input.hasPendingAppeal) return { code: 'conflict', reason: 'an appeal of this violation is open' };
  if (input.appealsSoFar >= MAX_APPEALS_PER_VIOLATION) {
    return { code: 'conflict', reason: `at most ${MAX_APPEALS_PER_VIOLATION} appeals per violation` };
  }
  if (input.now.getTime() > appealDeadline(input.violationCreatedAt).getTime()) {
    return { code: 'deadline_passed', reason: `appeals are accepted within ${APPEAL_WINDOW_DAYS} days` };
  }
  return null;
}
