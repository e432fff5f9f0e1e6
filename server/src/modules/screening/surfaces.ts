import type { Category } from './lexicon.ts';

/**
 * Where a text is written (issue 17: screening is surface-aware). The same words weigh differently on
 * each: an honest "best purchase this year" in a review is an opinion, on a listing an advertising claim.
 */
export const SURFACES = [
  'live_comment',
  'live_title',
  'listing',
  'review',
  'video_caption',
  'chat_message',
] as const;
export type Surface = (typeof SURFACES)[number];
export const isSurface = (value: string): value is Surface => (SURFACES as readonly string[]).includes(value);

/** What a surface screens for. Filled in by the screener's owner (see surface-profiles in screener.ts). */
export interface SurfaceProfile {
  /** The categories enforced on this surface; a hit in another category is shown but not counted. */
  categories: readonly Category[];
}
