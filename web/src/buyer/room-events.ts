import { useEffect, useRef } from 'react';
import { unwrap } from '../api/client.ts';
import { useApi } from '../shared/session.tsx';
import type { LiveComment, LivePin, LiveSession } from './types.ts';

export interface RoomHandlers {
  onSnapshot?(snapshot: { session: LiveSession; pins: LivePin[] }): void;
  onComment?(comment: LiveComment): void;
  onPins?(pins: LivePin[]): void;
  onStock?(change: { skuId: number; productId: number; stock: number }): void;
  onSession?(change: { id: number; state: LiveSession['state']; reason?: string | null }): void;
}

const POLL_MS = 2000;

/**
 * The live room's updates, with the handlers of the realtime protocol (snapshot, comment, pins, stock,
 * session). This one polls the session and the comments after the last one seen every 2 s; it has the
 * shape of `useLiveEvents` (shared/live-events.ts) so the room can move to server-sent events unchanged.
 */
export function useRoomEvents(sessionId: number, handlers: RoomHandlers): void {
  const api = useApi();
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    let stopped = false;
    let after: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const session = await unwrap(
          api.GET('/api/v1/live/sessions/{id}', { params: { path: { id: sessionId } } }),
        );
        if (stopped) return;
        ref.current.onSnapshot?.({ session, pins: session.pins });
        const page = await unwrap(
          api.GET('/api/v1/live/sessions/{id}/comments', {
            params: {
              path: { id: sessionId },
              query: after === undefined ? { limit: 50 } : { after, limit: 100 },
            },
          }),
        );
        if (stopped) return;
        for (const c of page.items) ref.current.onComment?.(c);
        const last = page.items.at(-1)?.id;
        after = page.next ?? (last !== undefined ? Math.max(last, after ?? 0) : after);
        // A room that is over sends nothing new: stop asking.
        if (session.state === 'ended' || session.state === 'terminated') return;
      } catch {
        // a failed poll is retried on the next tick
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, sessionId]);
}
