import type { Transitions } from '../../platform/state-machine.ts';
import type { LiveState } from './live.tables.ts';

/** product rules §2: scheduled → live → ended, or terminated by governance while live. */
export const liveTransitions = {
  scheduled: ['live'],
  live: ['ended', 'terminated'],
  ended: [],
  terminated: [],
} as const satisfies Transitions<LiveState>;

export const LIVE_STATES = Object.keys(liveTransitions) as LiveState[];

/** States in which the host may still change what is pinned (挂车). */
export const PINNABLE_STATES: readonly LiveState[] = ['scheduled', 'live'];
