import { releaseHeldMessages } from '../chat/index.ts';
import { resolveScreenedContent } from '../content/index.ts';
import type { CaseHooks, CaseResolvedHook } from '../risk/index.ts';

/**
 * A content case decided by ops decides the content its decision held back: fine shows it to
 * everyone, fraud hides it for good with the reviewer's note.
 */
export const contentCaseHook: CaseResolvedHook = async (tx, resolved) => {
  await resolveScreenedContent(tx, resolved.decisionId, {
    outcome: resolved.resolution === 'legit' ? 'allow' : 'block',
    reason: resolved.note || undefined,
  });
};

/** The content checkpoints whose cases hold content back (a live title's case stops nothing). */
export const contentCaseHooks: CaseHooks = {
  live_comment: contentCaseHook,
  review: contentCaseHook,
  video_caption: contentCaseHook,
  // A held chat message found fine is delivered then (product rules §8.1).
  chat_message: async (tx, resolved) => {
    await releaseHeldMessages(tx, resolved.decisionId, resolved.resolution === 'legit' ? 'allow' : 'block');
  },
};
