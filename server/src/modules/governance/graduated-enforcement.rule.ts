import type { Severity } from './catalogue.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A first minor violation may be fixed within this window before it is enforced (product rules §6). */
export const WARNING_FIX_WINDOW_MS = 72 * HOUR_MS;
/** "First" means: no earlier violation of the same code (not reversed) within this many days. */
export const FIRST_OFFENCE_LOOKBACK_DAYS = 365;

export type Treatment = { action: 'warn'; fixBy: Date; points: 0 } | { action: 'enforce'; points: number };

export interface TreatmentInput {
  severity: Severity;
  /** Points of the violation (0 for general). */
  points: number;
  /** Earlier violations of the same code by this shop (or host) in the lookback, reversed ones excluded. */
  priorSameCode: number;
  now: Date;
}

/**
 * product rules §6 (seed: graduated, transparent): a first minor (general) violation of a code gets a
 * warning and a chance to fix it, with no fine; a repeat general violation is enforced at once
 * (its default penalties, no points); a serious violation is enforced at once with its points.
 */
export function treatment(input: TreatmentInput): Treatment {
  if (input.severity === 'serious') return { action: 'enforce', points: input.points };
  if (input.priorSameCode === 0) {
    return { action: 'warn', fixBy: new Date(input.now.getTime() + WARNING_FIX_WINDOW_MS), points: 0 };
  }
  return { action: 'enforce', points: 0 };
}

export function lookbackStart(now: Date): Date {
  return new Date(now.getTime() - FIRST_OFFENCE_LOOKBACK_DAYS * DAY_MS);
}
