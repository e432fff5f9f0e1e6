import type { Tx } from '../../platform/db.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { contentTransitions, liveCommentTransitions } from './content.machine.ts';

/**
 * Ops upheld a buyer's report of a live comment or a review (product rules §8.7): it is hidden from
 * everyone but its author, with the reason. Content already hidden keeps its first reason. Returns
 * whether this call hid it.
 */
export async function hideReportedContent(
  tx: Tx,
  subject: { type: 'live_comment' | 'review'; id: number },
  reason: string,
): Promise<boolean> {
  const hiddenReason = `reported: ${reason}`;
  const moved =
    subject.type === 'live_comment'
      ? await transitionRow(tx, 'liveComments', {
          machine: liveCommentTransitions,
          what: `live comment ${subject.id}`,
          key: { id: subject.id },
          from: ['visible'],
          to: 'hidden',
          set: { hiddenReason },
          ifNotIn: 'skip',
        })
      : await transitionRow(tx, 'reviews', {
          machine: contentTransitions,
          what: `review ${subject.id}`,
          key: { id: subject.id },
          from: ['visible', 'flagged'],
          to: 'hidden',
          set: { hiddenReason },
          ifNotIn: 'skip',
        });
  return moved !== null;
}
