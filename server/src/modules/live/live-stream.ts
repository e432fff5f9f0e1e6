import type { ServerResponse } from 'node:http';
import { liveEventsFannedOut } from '../../platform/metrics.ts';
import { SseStream, sseEvent } from '../../platform/sse-stream.ts';

/** One SSE message; serialised once however many viewers it goes to. */
export const message = sseEvent;

/** A viewer's stream of a room (every event is a whole state, so the pending ones replay as they are). */
export class Stream extends SseStream {
  /** The view recorded for this stream (null: not recorded, e.g. the room has ended). */
  view: Promise<number | null> = Promise.resolve(null);

  constructor(
    raw: ServerResponse,
    /** Who watches: counted once per key in this process's viewers of the room. */
    readonly viewerKey: string,
  ) {
    super(raw);
  }
}

export function distinctViewers(room: { streams: Set<Stream> }): number {
  const keys = new Set<string>();
  for (const stream of room.streams) keys.add(stream.viewerKey);
  return keys.size;
}

export function broadcastTo(room: { streams: Set<Stream> }, chunk: string): void {
  if (room.streams.size === 0) return;
  for (const stream of room.streams) stream.write(chunk);
  // `event: comment\n…`: counted once per stream reached (xinren_live_events_fanned_out_total)
  const event = chunk.startsWith('event: ') ? chunk.slice(7, chunk.indexOf('\n')) : 'other';
  liveEventsFannedOut.inc({ event }, room.streams.size);
}
