import type { Executor } from '../../platform/db.ts';
import { openCases } from './case.store.ts';
import type { Checkpoint, FeatureSnapshot } from './checkpoints.ts';
import type { FiredRule } from './compile-policy.ts';
import { computeFeatures, type Entities, type Facts } from './features.service.ts';
import type { Subject } from './labels.service.ts';
import { type LoadedPolicy, policiesInForce } from './policies.service.ts';
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
 * `recordActivity`, usually after an `allow`.
 */
export async function decide(tx: Executor, input: DecideInput): Promise<Decision> {
  const { active, shadow } = await policiesInForce(tx, input.checkpoint, input.now);
  const snapshot = await computeFeatures(tx, input);
  const live = active.compiled.evaluate(snapshot);
  const { id: decisionId } = await tx
    .insertInto('trustDecisions')
    .values({
      ...row(input, active, live),
      inputs: JSON.stringify(snapshot),
      shadow: false,
      liveDecisionId: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (shadow) {
    const result = shadow.compiled.evaluate(snapshot);
    await tx
      .insertInto('trustDecisions')
      .values({ ...row(input, shadow, result), inputs: null, shadow: true, liveDecisionId: decisionId })
      .execute();
  }
  let caseId: number | null = null;
  if (live.outcome === 'review') {
    const [opened] = await openCases(
      tx,
      [
        {
          decisionId,
          checkpoint: input.checkpoint,
          subjectType: input.subject.type,
          subjectId: input.subject.id,
          openedAt: input.now,
        },
      ],
      { actorId: null, note: `review decision at ${input.checkpoint}`, now: input.now },
    );
    caseId = opened!.id;
  }
  return {
    outcome: live.outcome,
    decisionId,
    fired: live.fired,
    features: live.features,
    policyVersion: active.version,
    caseId,
  };
}

function row(
  input: DecideInput,
  policy: LoadedPolicy,
  result: { outcome: Outcome; fired: FiredRule[]; features: FeatureSnapshot },
) {
  return {
    checkpoint: input.checkpoint,
    subjectType: input.subject.type,
    subjectId: input.subject.id,
    outcome: result.outcome,
    fired: JSON.stringify(result.fired),
    features: JSON.stringify(result.features),
    policyId: policy.id,
    policyVersion: policy.version,
    at: input.now,
  };
}
