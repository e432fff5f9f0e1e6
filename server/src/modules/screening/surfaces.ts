import { CATEGORIES, type Category } from './lexicon.ts';

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

/** What a surface screens for. */
export interface SurfaceProfile {
  /** The categories enforced on this surface; a hit in another category is shown but not counted. */
  categories: readonly Category[];
}

const except = (...left: Category[]): readonly Category[] => CATEGORIES.filter((c) => !left.includes(c));

/**
 * The categories each surface enforces (product rules §6.1). What a merchant publishes to sell (a
 * listing, a live room's title, a video's caption) is advertising: every claim counts, extortion (a
 * buyer's threat) has no place there. Live comments are written by viewers and by the shop's own
 * accounts alike: everything counts but superlatives, which a viewer says as an opinion ("the best
 * colour I have seen"); the host's own superlatives are in its titles and captions. What a buyer writes to one party (a review, a chat message) is
 * an opinion: superlatives ("the best purchase this year"), effect claims ("whiter after a week") and
 * hype are no advertising there; contact details, extortion, abuse, medical claims, fake giveaways
 * and recycling scams count everywhere. The model is calibrated for the same categories per surface.
 */
export const SURFACE_PROFILES: Record<Surface, SurfaceProfile> = {
  listing: { categories: except('extortion') },
  live_title: { categories: except('extortion') },
  video_caption: { categories: except('extortion') },
  live_comment: { categories: except('absolute_terms') },
  review: { categories: except('absolute_terms', 'hype', 'false_advertising') },
  chat_message: { categories: except('absolute_terms', 'hype', 'false_advertising') },
};
