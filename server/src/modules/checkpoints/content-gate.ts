import type { Tx } from '../../platform/db.ts';
import type { Settings } from '../../platform/settings.ts';
import {
  type ContentGate,
  type ContentSubmission,
  reviewRating,
  sessionOfComment,
} from '../content/index.ts';
import { emergencyStop } from '../governance/index.ts';
import { sessionFacts } from '../live/index.ts';
import { decide } from '../risk/index.ts';
import type { ScreeningService } from '../screening/index.ts';
import { keepScreening } from './screening-evidence.store.ts';

/**
 * The content checkpoint (product rules §6): the text is screened for its surface (normalised against
 * evasion, then the lexicon and the learned model), what the screening saw is kept with the decision for
 * ops, the verdict goes to the decision engine as facts with the author's velocity, and the
 * engine's outcome holds the content back or lets it through. A high-risk live comment by the host
 * of the room ends the session at once (高危内容紧急关播); a viewer's is only hidden, since the room is
 * not theirs to lose.
 */
export function trustContentGate(screening: ScreeningService, settings: Settings): ContentGate {
  return async (tx, submission) => {
    // the surface decides which categories count and the model's thresholds (issue 17)
    const screened = await screening.screen(submission.text, { surface: submission.surface }, tx);
    const decision = await decide(tx, {
      checkpoint: submission.surface,
      subject: submission.subject,
      facts: {
        screening_categories: screened.categories,
        screening_risk: screened.risk,
        ...(await surfaceFacts(tx, submission)),
      },
      entities:
        submission.surface === 'live_comment' || submission.surface === 'review'
          ? { buyer: String(submission.authorId) }
          : {},
      now: submission.now,
    });
    await keepScreening(tx, {
      decisionId: decision.decisionId,
      checkpoint: submission.surface,
      subject: submission.subject,
      outcome: decision.outcome,
      surface: submission.surface,
      text: submission.text,
      screened,
      now: submission.now,
    });
    const fired = decision.fired.map((f) => f.reason.zh).join('；');
    const reason =
      decision.outcome === 'allow' ? undefined : `${fired || '内容风险'} (${screened.categories.join(', ')})`;
    let stopped = false;
    if (submission.surface === 'live_comment' && decision.outcome === 'block' && screened.risk === 'high') {
      const session = await hostedSessionOf(tx, submission);
      if (session !== null) {
        await emergencyStop(
          tx,
          {
            sessionId: session,
            reason: `主播发布高风险内容 the host posted high-risk content: ${screened.categories.join(', ')}`,
            source: 'trust_engine',
            evidence: submission.text,
          },
          { now: submission.now, settings },
        );
        stopped = true;
      }
    }
    return { outcome: decision.outcome, reason, decisionId: decision.decisionId, emergencyStop: stopped };
  };
}

/** What the review checkpoint knows beyond the text: the rating, and that it is tied to an order. */
async function surfaceFacts(
  tx: Tx,
  submission: ContentSubmission,
): Promise<Record<string, number | boolean>> {
  if (submission.surface !== 'review') return {};
  const rating = await reviewRating(tx, submission.subject.id);
  return rating === undefined ? {} : { rating, has_order: true };
}

/** The live session a comment was posted in, when its author hosts that session; else null. */
async function hostedSessionOf(tx: Tx, submission: ContentSubmission): Promise<number | null> {
  const sessionId = await sessionOfComment(tx, submission.subject.id);
  const session = sessionId === undefined ? undefined : await sessionFacts(tx, sessionId);
  return session && session.hostUserId === submission.authorId && session.state === 'live'
    ? session.id
    : null;
}
