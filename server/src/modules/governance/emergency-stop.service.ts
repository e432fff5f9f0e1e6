import type { Tx } from '../../platform/db.ts';
import { type LiveSessionView, terminateSession } from '../live/index.ts';
import type { ViolationSource } from './catalogue.ts';
import type { PenaltyDeps } from './penalties.service.ts';
import type { ViolationView } from './violation-view.ts';
import { recordViolation } from './violations.service.ts';

export interface EmergencyStopInput {
  sessionId: number;
  /** Why, shown to the host and viewers with the ended session. */
  reason: string;
  source: ViolationSource;
  /** What was said or shown (the comment, the title, the transcript line). */
  evidence: string;
  fileIds?: number[];
  /** The ops user who pressed stop; null when a checkpoint stopped it. */
  actorId?: number | null;
}

/**
 * 高危内容紧急关播 (product rules §6): ends a live session at once (live → terminated, with the reason)
 * and records a `live_high_risk` violation of the shop (or of the creator) with the evidence, inside
 * the caller's transaction. A session that is not live answers 409 invalid_transition.
 */
export async function emergencyStop(
  tx: Tx,
  input: EmergencyStopInput,
  deps: PenaltyDeps,
): Promise<{ session: LiveSessionView; violation: ViolationView }> {
  const actorId = input.actorId ?? null;
  const session = await terminateSession(tx, { now: () => deps.now }, input.sessionId, {
    reason: `紧急关播 emergency stop: ${input.reason}`,
    actorId,
  });
  const violation = await recordViolation(
    tx,
    {
      shopId: session.shop?.id ?? null,
      code: 'live_high_risk',
      subject: { type: 'live_session', id: input.sessionId },
      evidence: { text: `${input.reason}\n${input.evidence}`.slice(0, 4000), fileIds: input.fileIds ?? [] },
      source: input.source,
      recordedBy: actorId,
    },
    deps,
  );
  return { session, violation };
}
