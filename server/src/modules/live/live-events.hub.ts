import type { ServerResponse } from 'node:http';
import type { Executor } from '../../platform/db.ts';
import type { PubSub } from '../../platform/pubsub.ts';
import { getSkuStocks, type SkuStock } from '../catalog/index.ts';
import { LIVE_EVENTS_CHANNEL, type LiveChange } from './live-events.publish.ts';
import {
  getSessionView,
  type LiveSessionView,
  listPins,
  type PinnedProductView,
} from './live-read.service.ts';

export type LiveSku = Omit<SkuStock, 'productId'>;
export type LivePin = PinnedProductView & { skus: LiveSku[] };

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
}

/** One SSE message; serialised once however many viewers it goes to. */
const message = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

// A viewer whose connection does not drain this much is dropped (its EventSource reconnects).
const MAX_BUFFERED_BYTES = 1_000_000;

class Stream {
  private pending: string[] | undefined = [];

  constructor(readonly raw: ServerResponse) {}

  send(event: string, data: unknown): void {
    this.write(message(event, data));
  }

  write(chunk: string): void {
    if (this.pending) {
      this.pending.push(chunk);
      return;
    }
    if (this.raw.writableEnded || this.raw.destroyed) return;
    if (this.raw.writableLength > MAX_BUFFERED_BYTES) {
      this.raw.destroy();
      return;
    }
    this.raw.write(chunk);
  }

  /** The snapshot goes first; what arrived while it was read follows (every event is a whole state). */
  start(snapshot: unknown): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    this.send('snapshot', snapshot);
    for (const chunk of pending) this.write(chunk);
  }
}

interface Room {
  streams: Set<Stream>;
  /** skuId → the stock viewers were last told, for the pinned products. */
  stocks: Map<number, { productId: number; stock: number }>;
  /** Pin reloads of one room run one after another, so viewers get the lists in commit order. */
  pinsChain: Promise<void>;
}

/**
 * The live-room event streams of this process (server-sent events). Changes reach every process
 * through PostgreSQL LISTEN/NOTIFY (one listening connection per process, the PubSub); each process
 * fans them out in memory to its own viewers:
 * - comments: the content module notifies each visible comment (with its view) on commit;
 * - pins and session state: the live services notify `live_events` in the changing transaction;
 * - stock of pinned SKUs: polled, not notified. Stock changes in many transactions (checkout,
 *   cancellation, payment expiry, restock, returns), the hottest being checkout; rather than add a
 *   NOTIFY to each, every process reads the stock of the SKUs pinned in the rooms it has viewers for,
 *   once a second in one query, and sends only what changed. The cost is bounded by open rooms, not
 *   by orders, and checkout stays as it is.
 */
export class LiveEventHub {
  private readonly rooms = new Map<number, Room>();
  private readonly timers: NodeJS.Timeout[] = [];
  private polling = false;
  private closed = false;
  /** Settles once this process listens on both channels (a stream opened before would miss events). */
  readonly listening: Promise<void>;

  constructor(
    private readonly db: Executor,
    pubsub: PubSub,
    private readonly comments: LiveCommentFeed,
    options: LiveEventHubOptions = {},
  ) {
    // One after the other: the listening connection runs one query at a time.
    this.listening = pubsub
      .subscribe(LIVE_EVENTS_CHANNEL, (payload) => this.onChange(payload))
      .then(() => pubsub.subscribe(comments.channel, (payload) => this.onComment(payload)))
      // No listening connection (database away at start): streams still get snapshots and stock.
      .catch(() => {});
    this.timers.push(
      setInterval(() => this.broadcast(': heartbeat\n\n'), options.heartbeatMs ?? 15_000),
      setInterval(() => void this.pollStock(), options.stockPollMs ?? 1_000),
    );
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
  async open(sessionId: number, raw: ServerResponse, begin: () => void): Promise<void> {
    if (this.closed) throw new Error('live event hub closed');
    await this.listening;
    const stream = new Stream(raw);
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
    stream.start(snapshot);
    if (this.closed) raw.end();
  }

  /** Ends every stream (the app is closing) and stops the timers. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const room of this.rooms.values()) for (const stream of room.streams) stream.raw.end();
    this.rooms.clear();
  }

  private join(sessionId: number, stream: Stream): Room {
    let room = this.rooms.get(sessionId);
    if (!room) {
      room = { streams: new Set(), stocks: new Map(), pinsChain: Promise.resolve() };
      this.rooms.set(sessionId, room);
    }
    room.streams.add(stream);
    return room;
  }

  private leave(sessionId: number, stream: Stream): void {
    const room = this.rooms.get(sessionId);
    if (!room) return;
    room.streams.delete(stream);
    if (room.streams.size === 0) this.rooms.delete(sessionId);
  }

  private async snapshot(sessionId: number) {
    const session: LiveSessionView = await getSessionView(this.db, sessionId);
    const [pins, comments] = await Promise.all([
      this.pinsWithSkus(sessionId),
      this.comments.latest(this.db, sessionId),
    ]);
    return { session, pins, comments };
  }

  private async pinsWithSkus(sessionId: number): Promise<LivePin[]> {
    const pins = await listPins(this.db, sessionId);
    const skus = await getSkuStocks(
      this.db,
      pins.map((p) => p.productId),
    );
    return pins.map((pin) => ({
      ...pin,
      skus: skus.filter((s) => s.productId === pin.productId).map(({ productId: _, ...sku }) => sku),
    }));
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
    if (change.kind === 'featured' || change.kind === 'likes') return; // forwarded by H5's follow-up
    room.pinsChain = room.pinsChain.then(async () => {
      try {
        const pins = await this.pinsWithSkus(change.sessionId);
        this.remember(room, pins, true);
        broadcastTo(room, message('pins', pins));
      } catch {
        // The database is away: the next pin change or the viewer's reconnect snapshot catches up.
      }
    });
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

function broadcastTo(room: { streams: Set<Stream> }, chunk: string): void {
  for (const stream of room.streams) stream.write(chunk);
}
