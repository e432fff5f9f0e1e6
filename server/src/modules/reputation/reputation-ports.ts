import type { Tx } from '../../platform/db.ts';

/**
 * Called in the recompute's transaction once scores are stored, with the shops recomputed, so that
 * modules above reputation (standing: the trust badge) re-evaluate at once. Reputation sits below
 * them, so this is a port the composition roots (app.ts, deadlines.ts) fill.
 */
export type AfterScoresRecomputed = (tx: Tx, now: Date, shopIds: readonly number[]) => Promise<void>;

export const noAfterScoresRecomputed: AfterScoresRecomputed = async () => {};
