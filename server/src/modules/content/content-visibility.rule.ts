import type { ContentState } from './content.tables.ts';
import type { ContentVerdict } from './content-gate.ts';

export interface Visibility {
  state: ContentState;
  hiddenReason: string | null;
}

/**
 * What a screening verdict does to a new piece of content (product rules §6): allowed content is shown;
 * blocked content is stored hidden with the reason (only its author sees it, as hidden); content
 * sent to review is held back (flagged) until ops decide. Live comments have no review queue of their
 * own: a comment is ephemeral, so held means hidden.
 */
export function visibilityAfter(
  verdict: Pick<ContentVerdict, 'outcome' | 'reason'>,
  holds: 'flagged' | 'hidden',
): Visibility {
  if (verdict.outcome === 'allow') return { state: 'visible', hiddenReason: null };
  if (verdict.outcome === 'block')
    return { state: 'hidden', hiddenReason: verdict.reason ?? 'blocked by screening' };
  return { state: holds, hiddenReason: `held for review: ${verdict.reason ?? 'screening'}` };
}
