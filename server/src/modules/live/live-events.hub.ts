import type { ServerResponse } from 'node:http';
import type { Executor } from '../../platform/db.ts';
import { countLiveViewers } from '../../platform/metrics.ts';
import type { PubSub } from '../../platform/pubsub.ts';
import { getSkuStocks, parseStockTicks, SKU_STOCK_CHANNEL } from '../catalog/index.ts';
import { LIVE_EVENTS_CHANNEL, type LiveChange } from './live-events.publish.ts';
import { LikesRelay } from './live-likes.ts';
import { type PresenceOptions, ViewerPresence } from './live-presence.ts';
import { getSessionView, type LiveSessionView } from './live-read.service.ts';
import { featuredOf } from './live-room.service.ts';
import { type LivePin, pinsWithSkus } from './live-room-state.ts';
import { broadcastTo, distinctViewers, message, Stream } from './live-stream.ts';

export type { LivePin, LiveSku } from './live-room-state.ts';

/** A visible comment as the content module notifies it (LiveCommentView). */
export interface LiveEventComment {
  id: number;
  sessionId: number;
}

/**
 * Where comments come from: the content module's notify channel and its latest visible comments.
 * Injected by the composition root (app.ts), so the live module does not depend on content.
 */
export interface LiveCommentFeed {
  channel: string;
  latest(db: Executor, sessionId: number): Promise<LiveEventComment[]>;
}

export interface LiveEventHubOptions {
  heartbeatMs?: number;
  stockPollMs?: number;
  /** Viewer presence: how often this process reports its viewers, when a report goes stale. */
  presence?: PresenceOptions;
  /** Likes are sent to viewers at most once per this many ms per room (and per process to the others). */
  likesFlushMs?: number;
}

interface Room {
  streams: Set<Stream>;
  /** skuId → the stock viewers were last told, for the pinned products. */
  stocks: Map<number, { productId: number; stock: number }>;
  /** Pin and featured reloads of one room run one after another, so viewers get them in commit order. */
  pinsChain: Promise<void>;
  /** The largest like total heard, and whether sending it to the viewers is scheduled. */
  likes: number;
  likesTimer: NodeJS.Timeout | undefined;
  /** The current viewers last sent to this room's streams. */
  viewers: number;
}

/**
 * The live-room event streams of this process (server-sent events). Changes reach every process
 * through the PubSub (PostgreSQL LISTEN/NOTIFY, or NATS when NATS_URL is set); each process fans
 * them out in memory to its own viewers. Over NATS a change carries what viewers are sent (pins,
 * featured product, stock figures), so the fan-out reads nothing from the database; the notes below
 * describe LISTEN/NOTIFY mode, where payloads are small:
 * - comments: the content module notifies each visible comment (with its view) on commit;
 * - pins and session state: the live services notify `live_events` in the changing transaction;
 * - stock of pinned SKUs: polled, not notified. Stock changes in many transactions (checkout,
 *   cancellation, payment expiry, restock, returns), the hottest being checkout; rather than add a
 *   NOTIFY to each, every process reads the stock of the SKUs pinned in the rooms it has viewers for,
 *   once a second in one query, and sends only what changed. The cost is bounded by open rooms, not
 *   by orders, and checkout stays as it is;
 * - offers (coupons, flash sales) and the featured product: notified by whoever changes them;
 * - likes: each process relays a room's total at most a few times a second, and coalesces again;
 * - viewers: each process reports its own per room (ViewerPresence) and sends the sum over every
 *   process to its streams after each beat, when it changed.
 */
export class LiveEventHub {
  private readonly rooms = new Map<number, Room>();
  private readonly timers: NodeJS.Timeout[] = [];
  private polling = false;
  private beating = false;
  private beatSoon: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly presence: ViewerPresence;
  private readonly relay: LikesRelay;
  private readonly likesFlushMs: number;
  /** Withdraws this hub's viewers from /metrics' xinren_live_viewers. */
  private readonly uncount = countLiveViewers(() => this.viewerCount);
  /** Settles once this process listens on both channels (a stream opened before would miss events). */
  readonly listening: Promise<void>;

  constructor(
    private readonly db: Executor,
    pubsub: PubSub,
    private readonly comments: LiveCommentFeed,
    options: LiveEventHubOptions = {},
  ) {
    // Over NATS every stock change is published with its new figure (catalog's stock ticks): no poll.
    const ticks = pubsub.kind === 'nats';
    // One after the other: the listening connection runs one query at a time.
    this.listening = pubsub
      .subscribe(LIVE_EVENTS_CHANNEL, (payload) => this.onChange(payload))
      .then(() => pubsub.subscribe(comments.channel, (payload) => this.onComment(payload)))
      .then(() =>
        ticks ? pubsub.subscribe(SKU_STOCK_CHANNEL, (payload) => this.onStock(payload)) : undefined,
      )
      // No listening connection (database away at start): streams still get snapshots and stock.
      .catch(() => {});
    this.presence = new ViewerPresence(db, options.presence);
    this.likesFlushMs = options.likesFlushMs ?? 250;
    this.relay = new LikesRelay(db, this.likesFlushMs);
    this.timers.push(
      setInterval(() => this.broadcast(': heartbeat\n\n'), options.heartbeatMs ?? 15_000),
      setInterval(() => void this.beat(), this.presence.beatMs),
    );
    if (!ticks) this.timers.push(setInterval(() => void this.pollStock(), options.stockPollMs ?? 1_000));
    for (const timer of this.timers) timer.unref();
  }

  /** Open viewers of this process (for tests and health). */
  get viewerCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.streams.size;
    return n;
  }

  /**
   * Reads the room's snapshot for a new viewer. Throws (404) before anything is written when the
   * session does not exist; otherwise `begin` is called to take over the response, then the
   * snapshot and everything since flow to `raw` until the viewer leaves or the hub closes.
   */
  async open(
    sessionId: number,
    raw: ServerResponse,
    begin: () => void,
    viewerKey = `c:${Math.random().toString(36).slice(2, 12)}`,
  ): Promise<void> {
    if (this.closed) throw new Error('live event hub closed');
    await this.listening;
    const stream = new Stream(raw, viewerKey);
    // Joined before the snapshot is read: nothing committed after the read can be missed.
    const room = this.join(sessionId, stream);
    raw.on('close', () => this.leave(sessionId, stream));
    let snapshot: Awaited<ReturnType<LiveEventHub['snapshot']>>;
    try {
      snapshot = await this.snapshot(sessionId);
    } catch (err) {
      this.leave(sessionId, stream);
      throw err;
    }
    begin();
    if (raw.destroyed) return; // the viewer left while the snapshot was read
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');
    this.remember(room, snapshot.pins, false);
    room.likes = Math.max(room.likes, snapshot.likes);
    stream.start(snapshot);
    // The view is recorded once the viewer is in (a missing session never gets this far).
    stream.view = this.presence.join(sessionId, viewerKey).catch(() => null);
    if (this.closed) raw.end();
  }

  /** A like total of a room: this process's viewers and the other processes hear it, coalesced. */
  noteLikes(sessionId: number, total: number): void {
    this.relay.note(sessionId, total);
  }

  /** The process's presence (its id and stale window), for the room's figures. */
  get viewerPresence(): ViewerPresence {
    return this.presence;
  }

  /**
   * Ends every stream (the app is closing) and stops the timers; the process's presence is withdrawn
   * and its open views closed (settles when written; a killed process is reaped by the others instead).
   */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.uncount();
    for (const timer of this.timers) clearInterval(timer);
    if (this.beatSoon) clearTimeout(this.beatSoon);
    this.relay.close();
    for (const room of this.rooms.values()) {
      if (room.likesTimer) clearTimeout(room.likesTimer);
      for (const stream of room.streams) stream.raw.end();
    }
    this.rooms.clear();
    return this.presence.close().catch(() => {});
  }

  private join(sessionId: number, stream: Stream): Room {
    let room = this.rooms.get(sessionId);
    if (!room) {
      room = {
        streams: new Set(),
        stocks: new Map(),
        pinsChain: Promise.resolve(),
        likes: 0,
        likesTimer: undefined,
        viewers: 0,
      };
      this.rooms.set(sessionId, room);
    }
    const before = distinctViewers(room);
    room.streams.add(stream);
    // A new viewer of this process: the others count them at the next beat, brought forward.
    if (distinctViewers(room) !== before) this.beatEarly();
    return room;
  }

  private leave(sessionId: number, stream: Stream): void {
    void stream.view.then((id) => (id === null ? undefined : this.presence.leave(id))).catch(() => {});
    const room = this.rooms.get(sessionId);
    if (!room?.streams.delete(stream)) return;
    if (room.streams.size === 0) {
      if (room.likesTimer) clearTimeout(room.likesTimer);
      this.rooms.delete(sessionId);
    }
    if (!this.closed) this.beatEarly();
  }

  private async snapshot(sessionId: number) {
    const session: LiveSessionView = await getSessionView(this.db, sessionId);
    const [pins, comments, featured, likes, others] = await Promise.all([
      this.pinsWithSkus(sessionId),
      this.comments.latest(this.db, sessionId),
      featuredOf(this.db, sessionId),
      this.db
        .selectFrom('liveSessions')
        .select('likes')
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow(),
      this.presence.othersCurrent(sessionId),
    ]);
    const room = this.rooms.get(sessionId);
    const viewers = others + (room ? distinctViewers(room) : 1);
    return { session, pins, comments, featured, likes: Number(likes.likes), viewers };
  }

  /** Reports this process's viewers soon (a viewer came or went), at most once per 200 ms. */
  private beatEarly(): void {
    if (this.beatSoon || this.closed) return;
    this.beatSoon = setTimeout(() => {
      this.beatSoon = undefined;
      void this.beat();
    }, 200);
    this.beatSoon.unref();
  }

  /** One presence beat; then each room whose count over all processes changed hears it. */
  private async beat(): Promise<void> {
    if (this.beating || this.closed) return;
    this.beating = true;
    try {
      const local = new Map<number, number>();
      for (const [sessionId, room] of this.rooms) local.set(sessionId, distinctViewers(room));
      const current = await this.presence.beat(local);
      for (const [sessionId, n] of current) {
        const room = this.rooms.get(sessionId);
        if (!room || room.viewers === n) continue;
        room.viewers = n;
        broadcastTo(room, message('viewers', { current: n }));
      }
    } catch {
      // The database is away: the next beat reports again (others may count us stale meanwhile).
    } finally {
      this.beating = false;
    }
  }

  private pinsWithSkus(sessionId: number): Promise<LivePin[]> {
    return pinsWithSkus(this.db, sessionId);
  }

  /**
   * Records the stock in `pins` as what viewers know. A pins event told everyone (`all`); a new
   * viewer's snapshot only adds SKUs: the others may know an older figure, which the poll corrects.
   */
  private remember(room: Room, pins: readonly LivePin[], all: boolean): void {
    if (all) room.stocks = new Map();
    for (const pin of pins)
      for (const sku of pin.skus) {
        if (!room.stocks.has(sku.skuId))
          room.stocks.set(sku.skuId, { productId: pin.productId, stock: sku.stock });
      }
  }

  private broadcast(chunk: string): void {
    for (const room of this.rooms.values()) for (const stream of room.streams) stream.write(chunk);
  }

  private onComment(payload: string): void {
    const comment = parse<LiveEventComment>(payload);
    const room = comment && this.rooms.get(comment.sessionId);
    if (!room) return;
    broadcastTo(room, message('comment', comment));
  }

  private onChange(payload: string): void {
    const change = parse<LiveChange>(payload);
    const room = change && this.rooms.get(change.sessionId);
    if (!room) return;
    if (change.kind === 'session') {
      const data = {
        id: change.sessionId,
        state: change.state,
        ...(change.reason ? { reason: change.reason } : {}),
      };
      broadcastTo(room, message('session', data));
      return;
    }
    if (change.kind === 'offers') {
      broadcastTo(room, message('offers', {}));
      return;
    }
    if (change.kind === 'likes') {
      room.likes = Math.max(room.likes, change.total);
      if (room.likesTimer) return;
      room.likesTimer = setTimeout(() => {
        room.likesTimer = undefined;
        broadcastTo(room, message('likes', { total: room.likes }));
      }, this.likesFlushMs);
      room.likesTimer.unref();
      return;
    }
    if (change.kind === 'featured') {
      room.pinsChain = room.pinsChain.then(async () => {
        try {
          // over NATS the change carries the featured product: no read here
          const featured =
            change.featured !== undefined ? change.featured : await featuredOf(this.db, change.sessionId);
          broadcastTo(room, message('featured', featured));
        } catch {
          // The database is away: the viewer's reconnect snapshot catches up.
        }
      });
      return;
    }
    room.pinsChain = room.pinsChain.then(async () => {
      try {
        const pins = change.pins ?? (await this.pinsWithSkus(change.sessionId));
        this.remember(room, pins, true);
        broadcastTo(room, message('pins', pins));
      } catch {
        // The database is away: the next pin change or the viewer's reconnect snapshot catches up.
      }
    });
  }

  /** Stock ticks (NATS mode): each room that shows the SKU hears its new figure and its product's total. */
  private onStock(payload: string): void {
    const ticks = parseStockTicks(payload);
    for (const room of this.rooms.values()) {
      for (const [skuId, productId, stock] of ticks) {
        const known = room.stocks.get(skuId);
        if (!known || known.stock === stock) continue;
        known.stock = stock;
        let totalStock = 0;
        for (const s of room.stocks.values()) if (s.productId === productId) totalStock += s.stock;
        broadcastTo(room, message('stock', { skuId, productId, stock, totalStock }));
      }
    }
  }

  private async pollStock(): Promise<void> {
    if (this.polling || this.closed || this.rooms.size === 0) return;
    this.polling = true;
    try {
      const productIds = new Set<number>();
      for (const room of this.rooms.values())
        for (const s of room.stocks.values()) productIds.add(s.productId);
      if (productIds.size === 0) return;
      const skus = await getSkuStocks(this.db, [...productIds]);
      const totals = new Map<number, number>();
      for (const sku of skus) totals.set(sku.productId, (totals.get(sku.productId) ?? 0) + sku.stock);
      for (const room of this.rooms.values()) {
        for (const sku of skus) {
          const known = room.stocks.get(sku.skuId);
          if (!known || known.stock === sku.stock) continue;
          known.stock = sku.stock;
          const data = {
            skuId: sku.skuId,
            productId: sku.productId,
            stock: sku.stock,
            totalStock: totals.get(sku.productId) ?? 0,
          };
          broadcastTo(room, message('stock', data));
        }
      }
    } catch {
      // A failed read is retried at the next tick.
    } finally {
      this.polling = false;
    }
  }
}

function parse<T>(payload: string): T | undefined {
  try {
    return JSON.parse(payload) as T;
  } catch {
    return undefined;
  }
}
