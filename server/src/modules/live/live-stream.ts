import type { ServerResponse } from 'node:http';

/** One SSE message; serialised once however many viewers it goes to. */
export const message = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

// A viewer whose connection does not drain this much is dropped (its EventSource reconnects).
const MAX_BUFFERED_BYTES = 1_000_000;

export class Stream {
  private pending: string[] | undefined = [];
  /** The view recorded for this stream (null: not recorded, e.g. the room has ended). */
  view: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly raw: ServerResponse,
    /** Who watches: counted once per key in this process's viewers of the room. */
    readonly viewerKey: string,
  ) {}

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

export function distinctViewers(room: { streams: Set<Stream> }): number {
  const keys = new Set<string>();
  for (const stream of room.streams) keys.add(stream.viewerKey);
  return keys.size;
}

export function broadcastTo(room: { streams: Set<Stream> }, chunk: string): void {
  for (const stream of room.streams) stream.write(chunk);
}
