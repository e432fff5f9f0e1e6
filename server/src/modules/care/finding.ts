import type { CareRule } from './care.tables.ts';

/** What a rule found: which let-down, when it happened, and the facts that decided it (kept on the case). */
export interface Finding {
  rule: CareRule;
  happenedAt: Date;
  facts: Record<string, unknown>;
}
