import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { canMoveContent, screenedMachines, statesInto } from './content.machine.ts';
import type { ContentState } from './content.tables.ts';
import type { ContentGate, ContentSurface } from './content-gate.ts';
import { type Visibility, visibilityAfter } from './content-visibility.rule.ts';

type ScreenedTable = 'liveComments' | 'reviews' | 'videos';

/** States of content held back by screening, which ops' review of the screening decides. */
const HELD: readonly ContentState[] = ['flagged', 'hidden'];

/** Throws 409 invalid_transition unless the table's machine lets its rows move `from → to`. */
function assertContentMove(table: ScreenedTable, from: ContentState, to: ContentState): void {
  if (!canMoveContent(screenedMachines[table], from, to)) {
    throw new AppError('invalid_transition', `${table} cannot go from ${from} to ${to}`, { from, to });
  }
}

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
    if (visibility.state !== 'visible') assertContentMove(target.table, 'visible', visibility.state);
    const moved = await tx
      .updateTable(target.table)
      .set({ state: visibility.state as never, hiddenReason: visibility.hiddenReason, decisionId })
      .where('id', '=', target.id)
      .where('state', '=', 'visible')
      .returning('id')
      .executeTakeFirst();
    if (!moved) {
      throw new AppError('conflict', `${target.table} ${target.id} is no longer visible`, { id: target.id });
    }
  }
  return { ...visibility, decisionId };
}

/**
 * Ops resolved the review case of a screening decision: content held back by it is shown (allow)
 * or hidden for good (block); content shown meanwhile stays as it is. Set-based: the states moved are
 * those the table's machine lets move to the outcome; a block also rewrites the reason of content
 * already hidden. Returns how many rows changed.
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
    const from = statesInto(screenedMachines[table], state, HELD);
    const where = state === 'hidden' ? [...from, state] : from;
    if (where.length === 0) continue;
    const result = await tx
      .updateTable(table)
      .set({ state: state as never, hiddenReason })
      .where('decisionId', '=', decisionId)
      .where('state', 'in', where as never[])
      .executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}
