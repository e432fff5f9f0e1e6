import type { Executor } from '../../platform/db.ts';
import type { Checkpoint, FeatureSnapshot } from './checkpoints.ts';
import type { FiredRule } from './compile-policy.ts';
import { decideMany } from './decide-batch.service.ts';
import type { Entities, Facts } from './features.service.ts';
import type { Subject } from './labels.service.ts';
import type { Outcome } from './rule-language.ts';

export interface DecideInput {
  checkpoint: Checkpoint;
  /** What is being decided on, e.g. { type: 'user', id: buyerId } or { type: 'product', id }. */
  subject: Subject;
  /** What the calling module knows (names and types per checkpoint: checkpoints.ts). */
  facts: Facts;
  /** Ids (buyer, shop, sku) and identifiers (phone, device, ...) whose counters, links and labels count. */
  entities?: Entities;
  now: Date;
  /**
   * The event decided on, counted for `entities` whatever the outcome, as `recordActivity` after
   * `decide` would, but in the statement that stores the decision (one round trip fewer).
   */
  record?: { counter: string; count?: number };
}

export interface Decision {
  outcome: Outcome;
  decisionId: number;
  fired: FiredRule[];
  /** The feature values the policy read. */
  features: FeatureSnapshot;
  policyVersion: number;
  /** The review case opened for a `review` outcome. */
  caseId: number | null;
}

/**
 * Decides at a checkpoint (product rules §6): computes the features, runs the active policy (enforced)
 * and the shadow policy if there is one (stored, never enforced), stores both, and opens a review case
 * for an enforced `review`. Runs in the caller's transaction, so the decision, its case and the
 * caller's own change commit together or not at all. Counting the event itself is the caller's
 * `recordActivity`, usually after an `allow`, or `record` when it counts whatever the outcome. It is `decideMany` of one item: one way to decide.
 */
export async function decide(tx: Executor, input: DecideInput): Promise<Decision> {
  const item = {
    subject: input.subject,
    facts: input.facts,
    ...(input.entities ? { entities: input.entities } : {}),
  };
  const record = input.record ? [{ ...input.record, entities: input.entities ?? {} }] : [];
  const [decision] = await decideMany(tx, input.checkpoint, input.now, [item], record);
  return decision!;
}
