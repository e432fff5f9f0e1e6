import type { Tx } from '../../platform/db.ts';

/** The text surfaces the content checkpoint screens (product rules §6). */
export type ContentSurface = 'live_comment' | 'live_title' | 'review' | 'video_caption' | 'chat_message';

export interface ContentSubmission {
  surface: ContentSurface;
  text: string;
  authorId: number;
  /** The record the text belongs to, already written in `tx` (e.g. `{ type: 'live_comment', id }`). */
  subject: { type: string; id: number };
  now: Date;
}

export interface ContentVerdict {
  outcome: 'allow' | 'review' | 'block';
  reason?: string;
  /** The stored trust decision, kept on the content row for audit and for resolving a review case. */
  decisionId?: number;
  /** High-risk live content: the caller of the gate (the composition root) ends the session. */
  emergencyStop?: boolean;
}

/**
 * Screens a text before it becomes visible, inside the transaction that writes it. The composition
 * root (app.ts) passes the trust engine's; a block or a review holds the content back.
 */
export type ContentGate = (tx: Tx, submission: ContentSubmission) => Promise<ContentVerdict>;

/** The gate until a checkpoint is wired in: everything is allowed. */
export const allowAllContent: ContentGate = async () => ({ outcome: 'allow' });
