import type { Transitions } from '../../platform/state-machine.ts';
import type { ContentState, LiveCommentState } from './content.tables.ts';

/**
 * product rules §6: a review or video is written visible; screening holds it back (flagged, for review)
 * or hides it (blocked). Ops' review of the screening shows held content (flagged/hidden → visible) or
 * hides it for good (flagged → hidden); an upheld malicious-review report hides a review shown or held.
 */
export const contentTransitions = {
  visible: ['flagged', 'hidden'],
  flagged: ['visible', 'hidden'],
  hidden: ['visible'],
} as const satisfies Transitions<ContentState>;

/** A live comment has no review queue of its own: held means hidden, and ops' review may show it. */
export const liveCommentTransitions = {
  visible: ['hidden'],
  hidden: ['visible'],
} as const satisfies Transitions<LiveCommentState>;

/** A machine over some of the content states (a live comment is never flagged). */
export type ContentMachine = { readonly [K in ContentState]?: readonly ContentState[] };

/** The machine of each screened table. */
export const screenedMachines: Record<'liveComments' | 'reviews' | 'videos', ContentMachine> = {
  liveComments: liveCommentTransitions,
  reviews: contentTransitions,
  videos: contentTransitions,
};

export function canMoveContent(machine: ContentMachine, from: ContentState, to: ContentState): boolean {
  return machine[from]?.includes(to) ?? false;
}

/** The states among `among` that `machine` lets move to `to`: a set-based move's `where state in`. */
export function statesInto(machine: ContentMachine, to: ContentState, among: readonly ContentState[]) {
  return among.filter((from) => canMoveContent(machine, from, to));
}
