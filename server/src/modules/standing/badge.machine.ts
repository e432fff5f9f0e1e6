import type { Transitions } from '../../platform/state-machine.ts';
import type { BadgeState } from './standing.tables.ts';

/**
 * The trust badge's machine (product rules §7.2): a shop without a row has never held it (`none`);
 * the refresh grants it, revokes it when a condition fails, and grants it again when all hold.
 */
export const BADGE_TRANSITIONS = {
  none: ['granted'],
  granted: ['revoked'],
  revoked: ['granted'],
} as const satisfies Transitions<BadgeState | 'none'>;
