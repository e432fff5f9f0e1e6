import type { ServerResponse } from 'node:http';

/** One server-sent event; serialised once however many streams it goes to. */
export const sseEvent = (event: string, data: unknown) =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

// A stream whose connection does not drain this much is dropped (its client reconnects).
const MAX_BUFFERED_BYTES = 1_000_000;

/**
 * One open server-sent-event response (the live room's viewers, the chat's buyers and agents). Events
 * that arrive before the snapshot is sent wait, so a client gets the snapshot first and misses nothing
 * committed after it was read; a client that does not drain its connection is dropped.
 */
export class SseStream {
  private pending: string[] | undefined = [];

  constructor(readonly raw: ServerResponse) {}

  send(event: string, data: unknown): void {
    this.write(sseEvent(event, data));
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

  /** The snapshot goes first; what arrived while it was read follows. */
  start(snapshot: unknown): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    this.send('snapshot', snapshot);
    for (const chunk of pending) this.write(chunk);
  }
}
