import { useEffect, useRef, useState } from 'react';
import type { paths } from '../api/client.ts';

/** One message of GET /api/v1/live/sessions/{id}/events, as the OpenAPI document describes it. */
export type LiveEventMessage =
  paths['/api/v1/live/sessions/{id}/events']['get']['responses'][200]['content']['text/event-stream'];
export type LiveEventName = LiveEventMessage['event'];
type DataOf<N extends LiveEventName> = Extract<LiveEventMessage, { event: N }>['data'];

/** First event of every (re)connection: the session, the pinned products with SKUs, the latest comments. */
export type LiveSnapshot = DataOf<'snapshot'>;
export type LiveSessionInfo = LiveSnapshot['session'];
/** A pinned product with its SKUs and their stock. */
export type LivePinView = LiveSnapshot['pins'][number];
export type LiveSkuView = LivePinView['skus'][number];
/** A new visible comment (hidden ones never reach viewers). */
export type LiveCommentEvent = DataOf<'comment'>;
/** The whole pinned list after a pin or unpin, in pin order. */
export type LivePinsEvent = DataOf<'pins'>;
/** A pinned SKU's stock changed. */
export type LiveStockEvent = DataOf<'stock'>;
/** The session started, ended, or was stopped by governance or ops (`reason`). */
export type LiveSessionEvent = DataOf<'session'>;
/** People watching now (counted over all server processes). */
export type LiveViewersEvent = DataOf<'viewers'>;
/** The room's like total. */
export type LiveLikesEvent = DataOf<'likes'>;
/** The product the host presents now (讲解中), or null. */
export type LiveFeaturedEvent = DataOf<'featured'>;

export interface LiveEventHandlers {
  onSnapshot?(snapshot: LiveSnapshot): void;
  onComment?(comment: LiveCommentEvent): void;
  onPins?(pins: LivePinsEvent): void;
  onStock?(stock: LiveStockEvent): void;
  onSession?(session: LiveSessionEvent): void;
  onViewers?(viewers: LiveViewersEvent): void;
  onLikes?(likes: LiveLikesEvent): void;
  onFeatured?(featured: LiveFeaturedEvent): void;
  /** The room's coupons or flash sales changed: read them again. */
  onOffers?(): void;
}

/** `connecting` until the first snapshot; `live` while the stream is up; `reconnecting` after a drop. */
export type LiveConnection = 'connecting' | 'live' | 'reconnecting';

const HANDLER = {
  snapshot: 'onSnapshot',
  comment: 'onComment',
  pins: 'onPins',
  stock: 'onStock',
  session: 'onSession',
  viewers: 'onViewers',
  likes: 'onLikes',
  featured: 'onFeatured',
  offers: 'onOffers',
} as const satisfies Record<LiveEventName, keyof LiveEventHandlers>;
const NAMES = Object.keys(HANDLER) as LiveEventName[];
const MAX_RETRY_MS = 30_000;

export function liveEventsUrl(sessionId: number): string {
  return `/api/v1/live/sessions/${sessionId}/events?viewer=${viewerId()}`;
}

const VIEWER_KEY = 'xinren.viewer';

/**
 * This browser's anonymous viewer id, kept across visits: the server counts a room's unique viewers
 * by it (an EventSource sends no sign-in), so a reconnect or a second visit is not a new viewer.
 */
function viewerId(): string {
  try {
    let id = localStorage.getItem(VIEWER_KEY);
    if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
      id = randomId();
      localStorage.setItem(VIEWER_KEY, id);
    }
    return id;
  } catch {
    return randomId(); // storage refused: one id per connection
  }
}

// getRandomValues works outside secure contexts too (randomUUID does not).
const randomId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The live room's realtime updates (server-sent events through the browser's EventSource). Every
 * (re)connection starts with `onSnapshot`: replace the room's state with it (comments may repeat
 * ones already shown: dedupe by id). The browser reconnects by itself after a drop; if the server
 * refused the connection (EventSource gives up), this reconnects with a growing delay. Closed on
 * unmount or when `sessionId` changes. Handlers may change between renders without reconnecting.
 */
export function useLiveEvents(sessionId: number | undefined, handlers: LiveEventHandlers): LiveConnection {
  const ref = useRef(handlers);
  ref.current = handlers;
  const [connection, setConnection] = useState<LiveConnection>('connecting');

  useEffect(() => {
    if (sessionId === undefined || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let closed = false;
    setConnection('connecting');

    const connect = () => {
      source = new EventSource(liveEventsUrl(sessionId));
      for (const name of NAMES) {
        source.addEventListener(name, (message) => {
          let data: unknown;
          try {
            data = JSON.parse((message as MessageEvent<string>).data);
          } catch {
            return;
          }
          if (name === 'snapshot') {
            failures = 0;
            setConnection('live');
          }
          const handler = ref.current[HANDLER[name]] as ((data: unknown) => void) | undefined;
          handler?.(data);
        });
      }
      source.onerror = () => {
        if (closed) return;
        setConnection('reconnecting');
        // CONNECTING: the browser retries by itself. CLOSED: it gave up (an error answer); retry here.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          failures += 1;
          retry = setTimeout(connect, Math.min(MAX_RETRY_MS, 1_000 * 2 ** Math.min(failures, 5)));
        }
      };
    };
    connect();

    return () => {
      closed = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [sessionId]);

  return connection;
}
