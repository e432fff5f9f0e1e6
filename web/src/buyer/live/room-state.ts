import { useCallback, useState } from 'react';
import { type LiveConnection, type LivePinView, useLiveEvents } from '../../common/live-events.ts';
import type { LiveComment, LivePin, LiveSession } from '../types.ts';

/** What the room shows, kept current by the event stream. */
export interface RoomState {
  session: LiveSession;
  pins: LivePin[];
  /** skuId → stock now, for the pinned products */
  stock: Record<number, number>;
  comments: LiveComment[];
  /** people watching now; undefined until the server has said */
  viewers: number | undefined;
  likes: number | undefined;
  /** the product the host is presenting (讲解中), or null */
  featuredProductId: number | null;
  /** goes up whenever the room's coupons or flash sales changed: their lists are read again */
  offersVersion: number;
  connection: LiveConnection;
}

function stockOf(pins: LivePinView[]): Record<number, number> {
  return Object.fromEntries(pins.flatMap((p) => p.skus.map((k) => [k.skuId, k.stock])));
}

const MAX_COMMENTS = 200;

/**
 * The live room's state from its event stream: every (re)connection's snapshot replaces it, each
 * event updates its part; comments dedupe by id (a snapshot repeats the latest ones).
 */
export function useRoomState(initial: LiveSession & { pins: LivePin[] }) {
  const [session, setSession] = useState<LiveSession>(initial);
  const [pins, setPins] = useState<LivePin[]>(initial.pins);
  const [stock, setStock] = useState<Record<number, number>>({});
  const [comments, setComments] = useState<LiveComment[]>([]);
  const [viewers, setViewers] = useState<number>();
  const [likes, setLikes] = useState<number>();
  const [featuredProductId, setFeatured] = useState<number | null>(null);
  const [offersVersion, setOffersVersion] = useState(0);
  const addComment = useCallback(
    (c: LiveComment) =>
      setComments((list) => (list.some((x) => x.id === c.id) ? list : [...list, c].slice(-MAX_COMMENTS))),
    [],
  );
  const connection = useLiveEvents(initial.id, {
    onSnapshot: (snap) => {
      setSession((s) => ({ ...s, ...snap.session }));
      setPins(snap.pins);
      setStock(stockOf(snap.pins));
      for (const c of snap.comments) addComment(c);
      setViewers(snap.viewers);
      setLikes(snap.likes);
      setFeatured(snap.featured?.productId ?? null);
      // what changed while disconnected is unknown: read the offers again
      setOffersVersion((v) => v + 1);
    },
    onComment: addComment,
    onPins: (next) => {
      setPins(next);
      setStock((s) => ({ ...s, ...stockOf(next) }));
    },
    onStock: (change) => {
      setStock((s) => ({ ...s, [change.skuId]: change.stock }));
      setPins((list) =>
        list.map((p) => (p.productId === change.productId ? { ...p, totalStock: change.totalStock } : p)),
      );
    },
    onSession: (change) =>
      setSession((s) => ({ ...s, state: change.state, endReason: change.reason ?? s.endReason })),
    onViewers: (v) => setViewers(v.current),
    onLikes: (l) => setLikes((mine) => Math.max(mine ?? 0, l.total)),
    onFeatured: (f) => setFeatured(f?.productId ?? null),
    onOffers: () => setOffersVersion((v) => v + 1),
  });
  const state: RoomState = {
    session,
    pins,
    stock,
    comments,
    viewers,
    likes,
    featuredProductId,
    offersVersion,
    connection,
  };
  return { state, addComment, addLikes: (n: number) => setLikes((l) => (l ?? 0) + n) };
}
