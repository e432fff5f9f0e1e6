import type { Executor } from '../../platform/db.ts';
import { busKind, notify } from '../../platform/pubsub.ts';
import type { LiveState } from './live.tables.ts';
import type { FeaturedProduct } from './live-room.service.ts';
import { type LivePin, roomStateOf } from './live-room-state.ts';

/** LISTEN/NOTIFY channel of live-room changes other than comments (those have their own channel). */
export const LIVE_EVENTS_CHANNEL = 'live_events';

/**
 * A change every process forwards to the room's viewers. Over NOTIFY small on purpose (payloads are
 * capped at 8 kB): for pins, each process reloads the pinned list once for all its streams. Over NATS
 * the publisher reads it once and the change carries it (`pins`, `featured`): no process reads the
 * database to fan a change out.
 */
export type LiveChange =
  | { sessionId: number; kind: 'pins'; pins?: LivePin[] }
  | { sessionId: number; kind: 'session'; state: LiveState; reason?: string }
  /** Coupons or flash sales of the room changed: viewers refetch them (promotions, flash-sales). */
  | { sessionId: number; kind: 'offers' }
  /** The featured product (讲解中) changed: each process reads it once for its viewers. */
  | { sessionId: number; kind: 'featured'; featured?: FeaturedProduct | null }
  /** The like total of the room (each process coalesces these for its viewers). */
  | { sessionId: number; kind: 'likes'; total: number };

/** Publishes `change` from inside the transaction making it: delivered on commit, never on rollback. */
export async function publishLiveChange(tx: Executor, change: LiveChange): Promise<void> {
  const carried = busKind(tx) === 'nats' ? { ...change, ...(await roomStateOf(tx, change)) } : change;
  await notify(tx, LIVE_EVENTS_CHANNEL, JSON.stringify(carried));
}
