import type { ServerResponse } from 'node:http';
import type { Executor } from '../../platform/db.ts';
import type { PubSub } from '../../platform/pubsub.ts';
import { SseStream, sseEvent } from '../../platform/sse-stream.ts';
import { CHAT_EVENTS_CHANNEL, type ChatEvent } from './chat-events.ts';
import { type MessageRow, type MessageView, messageColumns, messageViews } from './message-view.ts';

export type Audience = { side: 'buyer'; buyerId: number } | { side: 'shop'; shopId: number };
const keyOf = (a: Audience) => (a.side === 'buyer' ? `b:${a.buyerId}` : `s:${a.shopId}`);

/**
 * The chat streams of this process (server-sent events), keyed by buyer (every conversation of the
 * buyer) and by shop (every conversation of the shop, for its agents). Changes reach every process
 * through PostgreSQL LISTEN/NOTIFY on `chat_events`, published in the writing transaction; each
 * process fans an event out to its own streams of the conversation's buyer and shop, serialised once.
 */
export class ChatHub {
  private readonly streams = new Map<string, Set<SseStream>>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  readonly listening: Promise<void>;

  constructor(
    private readonly db: Executor,
    pubsub: PubSub,
    options: { heartbeatMs?: number } = {},
  ) {
    this.listening = pubsub
      .subscribe(CHAT_EVENTS_CHANNEL, (payload) => void this.onEvent(payload))
      .catch(() => {});
    this.timer = setInterval(() => this.broadcast(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
    this.timer.unref();
  }

  get streamCount(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  /**
   * Opens a stream for `audience`: joined before the snapshot is read (nothing committed after the read
   * is missed), then `begin` takes over the response, the snapshot goes first and events follow.
   */
  async open(audience: Audience, raw: ServerResponse, begin: () => void, snapshot: () => Promise<unknown>) {
    if (this.closed) throw new Error('chat hub closed');
    await this.listening;
    const key = keyOf(audience);
    const stream = new SseStream(raw);
    let set = this.streams.get(key);
    if (!set) {
      set = new Set();
      this.streams.set(key, set);
    }
    set.add(stream);
    const leave = () => {
      const s = this.streams.get(key);
      if (s?.delete(stream) && s.size === 0) this.streams.delete(key);
    };
    raw.on('close', leave);
    let first: unknown;
    try {
      first = await snapshot();
    } catch (err) {
      leave();
      throw err;
    }
    begin();
    if (raw.destroyed) return;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');
    stream.start(first);
    if (this.closed) raw.end();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    for (const set of this.streams.values()) for (const stream of set) stream.raw.end();
    this.streams.clear();
  }

  private broadcast(chunk: string): void {
    for (const set of this.streams.values()) for (const stream of set) stream.write(chunk);
  }

  private send(audience: Audience, chunk: string): void {
    for (const stream of this.streams.get(keyOf(audience)) ?? []) stream.write(chunk);
  }

  private async onEvent(payload: string): Promise<void> {
    let event: ChatEvent;
    try {
      event = JSON.parse(payload) as ChatEvent;
    } catch {
      return;
    }
    const buyer: Audience = { side: 'buyer', buyerId: event.buyerId };
    const shop: Audience = { side: 'shop', shopId: event.shopId };
    const listened = this.streams.has(keyOf(buyer)) || this.streams.has(keyOf(shop));
    if (!listened) return;
    const { conversationId } = event;
    if (event.type === 'message') {
      let message: MessageView | undefined = event.message;
      if ((event.message as { large?: boolean }).large) {
        // Too large for a NOTIFY payload: each process reads it once for its streams.
        const row = await this.db
          .selectFrom('chatMessages')
          .select(messageColumns)
          .where('id', '=', message.id)
          .executeTakeFirst()
          .catch(() => undefined);
        if (!row) return;
        [message] = await messageViews(this.db, [row as MessageRow]);
        if (!message) return;
      }
      const chunk = sseEvent('message', { conversationId, message });
      if (event.to !== 'shop') this.send(buyer, chunk);
      if (event.to !== 'buyer') this.send(shop, chunk);
      return;
    }
    const data =
      event.type === 'read'
        ? { conversationId, side: event.side, readId: event.readId }
        : event.type === 'session'
          ? { conversationId, sessionId: event.sessionId, state: event.state, agentId: event.agentId }
          : { conversationId };
    const chunk = sseEvent(event.type, data);
    this.send(buyer, chunk);
    this.send(shop, chunk);
  }
}
