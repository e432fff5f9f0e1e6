import type { GovernanceConfig } from '../configuration/index.ts';
import type { Severity } from './catalogue.ts';

/**
 * The numbers of graduated enforcement: configuration keys `governance.warningFixWindowMs` (a first
 * minor violation may be fixed within it before it is enforced) and `governance.firstOffenceLookbackMs`
 * ("first" means no earlier violation of the same code, not reversed, within it).
 */
export type EnforcementRules = Pick<GovernanceConfig, 'warningFixWindowMs' | 'firstOffenceLookbackMs'>;

export type Treatment = { action: 'warn'; fixBy: Date; points: 0 } | { action: 'enforce'; points: number };

export interface TreatmentInput {
  severity: Severity;
  /** Points of the violation (0 for general). */
  points: number;
  /** Earlier violations of the same code by this shop (or host) in the lookback, reversed ones excluded. */
  priorSameCode: number;
  now: Date;
  rules: Pick<EnforcementRules, 'warningFixWindowMs'>;
}

/**
 * product rules §6 (seed: graduated, transparent): a first minor (general) violation of a code gets a
 * warning and a chance to fix it, with no fine; a repeat general violation is enforced at once
 * (its default penalties, no points); a serious violation is enforced at once with its points.
 */
export function treatment(input: TreatmentInput): Treatment {
  if (input.severity === 'serious') return { action: 'enforce', points: input.points };
  if (input.priorSameCode === 0) {
    return {
      action: 'warn',
      fixBy: new Date(input.now.getTime() + input.rules.warningFixWindowMs),
      points: 0,
    };
  }
  return { action: 'enforce', points: 0 };
}

export function lookbackStart(now: Date, rules: Pick<EnforcementRules, 'firstOffenceLookbackMs'>): Date {
  return new Date(now.getTime() - rules.firstOffenceLookbackMs);
}
