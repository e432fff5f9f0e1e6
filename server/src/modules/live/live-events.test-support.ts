import type { Static } from '@sinclair/typebox';
import pino from 'pino';
import { expect } from 'vitest';
import type { TestContext } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { connect } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { PgPubSub } from '../../platform/pubsub.ts';
import type { LiveEventSchema } from './live-events.schema.ts';

/** An event as received: the schema's shape, with dates as the ISO strings they are on the wire. */
export type LiveEvent = Static<typeof LiveEventSchema>;
type Named<N extends LiveEvent['event']> = Extract<LiveEvent, { event: N }>;

/**
 * A second server process over the test database: its own pool, its own LISTEN connection, its own
 * app (as a second `xinren start` behind a load balancer), listening on a free port.
 */
export async function secondProcess(
  ctx: TestContext,
): Promise<{ app: App; url: string; close(): Promise<void> }> {
  const handle = connect(ctx.dbUrl, { max: 5 });
  const pubsub = new PgPubSub(handle.pool);
  const app = await buildApp({
    ...ctx,
    db: handle.db,
    pubsub,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    close() {
      closing ??= (async () => {
        await app.close();
        await pubsub.close();
        await handle.close();
      })();
      return closing;
    },
  };
}

/** Events that come on their own schedule (viewer counts): skipped unless awaited by name. */
const AMBIENT: ReadonlySet<string> = new Set(['viewers']);

/** A viewer's EventSource, read with fetch: events in arrival order, awaited one at a time. */
export async function openEvents(
  base: string,
  sessionId: number,
  opts: { viewer?: string; token?: string } = {},
) {
  const abort = new AbortController();
  const query = opts.viewer ? `?viewer=${opts.viewer}` : '';
  const res = await fetch(`${base}/api/v1/live/sessions/${sessionId}/events${query}`, {
    signal: abort.signal,
    ...(opts.token ? { headers: { authorization: `Bearer ${opts.token}` } } : {}),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const queue: LiveEvent[] = [];
  const heartbeats: string[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const done = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          let event = 'message' as LiveEvent['event'];
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) heartbeats.push(line);
            else if (line.startsWith('event: ')) event = line.slice(7) as LiveEvent['event'];
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) queue.push({ event, data: JSON.parse(data.join('\n')) } as LiveEvent);
          wake?.();
        }
      }
    } catch {
      // aborted by the test
    } finally {
      ended = true;
      wake?.();
    }
  })();

  /** The next event, which must be named `name`, within `timeoutMs`. */
  async function next<N extends LiveEvent['event']>(name: N, timeoutMs = 10_000): Promise<Named<N>> {
    const deadline = Date.now() + timeoutMs;
    const skipAmbient = () => {
      while (queue.length > 0 && AMBIENT.has(queue[0]!.event) && !AMBIENT.has(name)) queue.shift();
    };
    skipAmbient();
    while (queue.length === 0) {
      if (ended) throw new Error(`stream ended while waiting for ${name}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${name} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, left);
      });
      skipAmbient();
    }
    const event = queue.shift()!;
    expect(event.event, JSON.stringify(event.data)).toBe(name);
    return event as Named<N>;
  }

  /** Takes events until one named `name` satisfies `pred` (others are dropped), within `timeoutMs`. */
  async function until<N extends LiveEvent['event']>(
    name: N,
    pred: (data: Named<N>['data']) => boolean,
    timeoutMs = 10_000,
  ): Promise<Named<N>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (queue.length > 0) {
        const event = queue.shift()!;
        if (event.event === name && pred((event as Named<N>).data as never)) return event as Named<N>;
      }
      if (ended) throw new Error(`stream ended while waiting for ${name}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching ${name} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, left);
      });
    }
  }

  return {
    next,
    until,
    /** Events received and not yet taken (viewer counts aside). */
    pending: () => queue.filter((e) => !AMBIENT.has(e.event)),
    heartbeats,
    /** Settles when the server ends the stream (or the test closes it). */
    done,
    close: () => abort.abort(),
  };
}
