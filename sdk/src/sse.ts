/** One server-sent event as it arrived: `event:` name, `data:` (JSON-parsed when it is JSON), `id:`. */
export interface ServerSentEvent<Event extends string = string, Data = unknown> {
  event: Event;
  data: Data;
  /** The event's `id:` (the server sends it where it can resume from it: `Last-Event-ID`). */
  id?: string;
}

/** A raw event before its data is parsed. */
export interface RawServerSentEvent {
  event: string;
  data: string;
  /** The event's own `id:` field, when it had one. */
  id?: string;
  /** `retry:` in milliseconds, when the server set one. */
  retry?: number;
}

/**
 * An incremental parser of `text/event-stream` (the WHATWG rules): feed it text chunks as they come;
 * it returns the events completed by each chunk. Comment lines (`: heartbeat`) are skipped; `data:`
 * lines of one event are joined by newlines; an event without data is not dispatched.
 */
export class EventStreamParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;
  private retry: number | undefined;
  /** The last `id:` seen (kept across events, as EventSource's last event id: sent as `Last-Event-ID`). */
  lastEventId: string | undefined;

  push(chunk: string): RawServerSentEvent[] {
    this.buffer += chunk;
    const out: RawServerSentEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) out.push(event);
    }
    return out;
  }

  private line(line: string): RawServerSentEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    return undefined;
  }

  private dispatch(): RawServerSentEvent | undefined {
    if (this.id !== undefined) this.lastEventId = this.id;
    const event: RawServerSentEvent | undefined =
      this.data.length === 0
        ? undefined
        : {
            event: this.event || 'message',
            data: this.data.join('\n'),
            ...(this.id !== undefined ? { id: this.id } : {}),
            ...(this.retry !== undefined ? { retry: this.retry } : {}),
          };
    this.event = '';
    this.data = [];
    this.id = undefined;
    this.retry = undefined;
    return event;
  }
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

export interface ReconnectOptions {
  /** First wait before reconnecting, in ms (default 1000; a `retry:` from the server replaces it). */
  delayMs?: number;
  /** The longest wait between attempts, in ms (default 30 000); waits double up to it. */
  maxDelayMs?: number;
  /** Give up after this many consecutive failed attempts (default: never). */
  maxAttempts?: number;
}

export interface OpenStreamResult {
  /** The open stream's body. */
  body: ReadableStream<Uint8Array>;
}

/**
 * The reconnecting loop behind `subscribe()`: `open(lastEventId, signal)` connects (throwing an error
 * for an answer that must not be retried); events are yielded as they arrive; when the stream ends or
 * the connection fails, it reconnects after a growing wait, sending `Last-Event-ID` when the server
 * gave ids. Stops when `signal` aborts or the consumer stops iterating.
 */
export async function* eventStream(
  open: (lastEventId: string | undefined, signal: AbortSignal) => Promise<OpenStreamResult>,
  options: {
    signal?: AbortSignal | undefined;
    reconnect?: boolean | ReconnectOptions | undefined;
    /** Whether a failure to connect may be retried (default: every failure). */
    retryable?: (error: unknown) => boolean;
    lastEventId?: string | undefined;
  } = {},
): AsyncGenerator<ServerSentEvent> {
  const controller = new AbortController();
  const outer = options.signal;
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) return;
  outer?.addEventListener('abort', onAbort, { once: true });
  const reconnect =
    options.reconnect === false ? undefined : options.reconnect === true ? {} : (options.reconnect ?? {});
  let delay = reconnect?.delayMs ?? 1000;
  const maxDelay = reconnect?.maxDelayMs ?? 30_000;
  let failures = 0;
  let lastEventId = options.lastEventId;
  try {
    for (;;) {
      let received = false;
      try {
        const { body } = await open(lastEventId, controller.signal);
        const parser = new EventStreamParser();
        parser.lastEventId = lastEventId;
        const decoder = new TextDecoder();
        const reader = body.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            for (const raw of parser.push(decoder.decode(value, { stream: true }))) {
              received = true;
              failures = 0;
              if (raw.retry !== undefined) delay = raw.retry;
              lastEventId = raw.id ?? lastEventId;
              yield {
                event: raw.event,
                data: parseData(raw.data),
                ...(raw.id !== undefined ? { id: raw.id } : {}),
              };
            }
          }
        } finally {
          reader.releaseLock();
          await body.cancel().catch(() => {});
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        if (!reconnect || (options.retryable && !options.retryable(error))) throw error;
      }
      if (controller.signal.aborted || !reconnect) return;
      if (!received) failures += 1;
      if (reconnect.maxAttempts !== undefined && failures >= reconnect.maxAttempts) {
        throw new Error(`server-sent events: gave up after ${failures} failed attempts to connect`);
      }
      const wait = received ? delay : Math.min(maxDelay, delay * 2 ** Math.max(0, failures - 1));
      await sleep(wait, controller.signal);
      if (controller.signal.aborted) return;
    }
  } finally {
    outer?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
