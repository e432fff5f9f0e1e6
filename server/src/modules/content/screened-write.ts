import type { Tx } from '../../platform/db.ts';
import type { ContentState } from './content.tables.ts';
import type { ContentGate, ContentSurface } from './content-gate.ts';
import { type Visibility, visibilityAfter } from './content-visibility.rule.ts';

type ScreenedTable = 'liveComments' | 'reviews' | 'videos';

/**
 * Runs the gate on a row just written (visible) in `tx` and holds it back when the verdict says so.
 * The row is written first so that the decision names it; no one else sees it before the commit.
 */
export async function screenNewContent(
  tx: Tx,
  gate: ContentGate,
  target: { table: ScreenedTable; id: number; surface: ContentSurface; subjectType: string },
  submission: { text: string; authorId: number; now: Date },
  holds: 'flagged' | 'hidden',
): Promise<Visibility & { decisionId: number | null }> {
  const verdict = await gate(tx, {
    surface: target.surface,
    text: submission.text,
    authorId: submission.authorId,
    subject: { type: target.subjectType, id: target.id },
    now: submission.now,
  });
  const visibility = visibilityAfter(verdict, holds);
  const decisionId = verdict.decisionId ?? null;
  if (visibility.state !== 'visible' || decisionId !== null) {
    await tx
      .updateTable(target.table)
      .set({ state: visibility.state as never, hiddenReason: visibility.hiddenReason, decisionId })
      .where('id', '=', target.id)
      .execute();
  }
  return { ...visibility, decisionId };
}

/**
 * Ops resolved the review case of a screening decision: content held back by it is shown (allow)
 * or hidden for good (block). Returns how many rows changed.
 */
export async function resolveScreenedContent(
  tx: Tx,
  decisionId: number,
  resolution: { outcome: 'allow' | 'block'; reason?: string },
): Promise<number> {
  const state: ContentState = resolution.outcome === 'allow' ? 'visible' : 'hidden';
  const hiddenReason = state === 'visible' ? null : (resolution.reason ?? 'blocked after review');
  let changed = 0;
  for (const table of ['liveComments', 'reviews', 'videos'] as const) {
    const result = await tx
      .updateTable(table)
      .set({ state: state as never, hiddenReason })
      .where('decisionId', '=', decisionId)
      .where('state', '<>', 'visible')
      .executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}
