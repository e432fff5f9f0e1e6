import type { Topic } from './voice.tables.ts';

/**
 * After-sales reason codes (aftersales' REASONS, product rules §5) and the topic each names directly
 * (product rules §8.4); the subjective reasons and 'other' name none (their description is still read).
 * Goods arriving damaged are the delivery's fault here, as in the experience score's complaint kinds.
 */
export const REASON_TOPICS: Readonly<Record<string, readonly Topic[]>> = {
  no_reason: [],
  dont_like: [],
  ordered_wrong: [],
  not_shipped_yet: ['logistics'],
  not_received: ['logistics'],
  quality_issue: ['quality'],
  damaged: ['logistics'],
  not_as_described: ['description_mismatch'],
  wrong_item: ['description_mismatch'],
  missing_parts: ['description_mismatch'],
  counterfeit: ['quality'],
  spoiled: ['quality'],
  melted: ['quality'],
  allergy: ['quality'],
  other: [],
};

/** The topics of a reason code (none for a code this table does not know). */
export function reasonTopics(reason: string | null): readonly Topic[] {
  return (reason && REASON_TOPICS[reason]) || [];
}
