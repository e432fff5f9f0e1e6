import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type FetchResponse,
  type MaybeOptionalInit,
  type Middleware,
} from 'openapi-fetch';
import { XinrenApiError } from './errors.ts';
import { idempotencyKey, requiresIdempotencyKey } from './idempotency.ts';
import { COMMIT_LSN_HEADER, CommitPosition, READ_AFTER_HEADER } from './read-after.ts';
import type { paths } from './schema.d.ts';
import { eventStream, type ReconnectOptions } from './sse.ts';

export const SDK_VERSION = '0.1.0';

export interface XinrenClientOptions {
  /** The platform's origin, e.g. `https://xinren.example.com` (paths start with `/api/v1`). */
  baseUrl: string;
  /**
   * Sent as `Authorization: Bearer …`: a session token (`POST /api/v1/auth/login`) or a shop's API
   * key (`xr_…`). A function is asked before every request (a token you refresh or sign in again for).
   */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** The fetch to use (default: the global one). */
  fetch?: (input: Request) => Promise<Response>;
  /** `User-Agent` to send (default `xinren-sdk/<version>`; browsers keep their own). */
  userAgent?: string;
  /** Headers sent on every request. */
  headers?: Record<string, string>;
  /**
   * Where the client keeps the last commit position (`X-Xinren-Commit-Lsn`) it echoes as
   * `X-Xinren-Read-After`, so reads behind a read replica see this client's writes. Default: one per
   * client, shared with its `withToken` copies.
   */
  commitPosition?: CommitPosition;
}

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type Media = `${string}/${string}`;
type RequiredKeysOfHelper<T> = { [K in keyof T]: object extends Pick<T, K> ? never : K }[keyof T];
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];

/** The paths that have `method`: `PathsWith<'get'>`. */
export type PathsWith<M extends Method> = ClientPathsWithMethod<Client<paths>, M>;
/** The options of a call: `{ params: { path, query, header }, body, signal, headers }`. */
export type RequestInitOf<P extends PathsWith<M>, M extends Method> = MaybeOptionalInit<paths[P], M>;
/** What a successful call answers (the 2xx body). */
export type ResponseOf<P extends PathsWith<M>, M extends Method, Init = object> = Exclude<
  FetchResponse<Extract<paths[P][M], Record<string | number, unknown>>, Init, Media>,
  { error: unknown }
>['data'];

type DataMethod<M extends Method> = <P extends PathsWith<M>, Init extends RequestInitOf<P, M>>(
  url: P,
  ...init: InitParam<Init>
) => Promise<ResponseOf<P, M, Init>>;

/** A list answer's items (every paginated list answers `{ items: T[], … }`). */
type ItemsOf<T> = T extends { items: (infer Item)[] } ? Item : never;
/** The GET paths whose answer is a list of `items`. */
export type ListPath = {
  [P in PathsWith<'get'>]: ItemsOf<ResponseOf<P, 'get'>> extends never ? never : P;
}[PathsWith<'get'>];
/** An item of a list path: `ListItem<'/api/v1/shops/{id}/orders'>`. */
export type ListItem<P extends ListPath> = ItemsOf<ResponseOf<P, 'get'>>;

type StreamContent<T> = T extends { responses: { 200: { content: { 'text/event-stream': infer E } } } }
  ? E
  : never;
/** The GET paths that answer `text/event-stream`. */
export type StreamPath = {
  [P in PathsWith<'get'>]: [StreamContent<paths[P]['get']>] extends [never] ? never : P;
}[PathsWith<'get'>];
/** One event of a stream path: `{ event: 'snapshot', data: … } | { event: 'comment', data: … } | …`. */
export type StreamEvent<P extends StreamPath> = StreamContent<paths[P]['get']> & { id?: string };

export interface PaginateOptions {
  /** Stop after this many items in all (default: every item). */
  max?: number;
}

export interface SubscribeOptions {
  /** Stop the stream (or call `close()` / break out of the loop). */
  signal?: AbortSignal;
  /**
   * Reconnect when the connection drops (default true: after 1 s, doubling up to 30 s while it fails).
   * The server starts every (re)connection with a `snapshot` event; `Last-Event-ID` is sent when the
   * server gave event ids.
   */
  reconnect?: boolean | ReconnectOptions;
}

export interface EventSubscription<Event> extends AsyncIterable<Event> {
  /** Ends the stream; a pending `for await` finishes. */
  close(): void;
}

export interface XinrenClient {
  /** GET `url`: the 2xx body, or throws `XinrenApiError`. */
  GET: DataMethod<'get'>;
  POST: DataMethod<'post'>;
  PUT: DataMethod<'put'>;
  PATCH: DataMethod<'patch'>;
  DELETE: DataMethod<'delete'>;
  /**
   * The underlying openapi-fetch client (same authentication, User-Agent and automatic Idempotency-Key),
   * answering `{ data, error, response }` without throwing: for response headers (e.g.
   * `idempotent-replayed`) or when you handle refusals as values.
   */
  raw: Client<paths>;
  /**
   * Every item of a list, page after page: `offset` lists (`{ items, total, limit, offset }`),
   * `after` cursors (`{ items, next }`), `before` cursors (`{ items, hasMore }` by id, or
   * `{ items, nextBefore }`). `params.query.limit` is the page size.
   */
  paginate<P extends ListPath>(
    url: P,
    ...init: [...InitParam<RequestInitOf<P, 'get'>>, PaginateOptions?]
  ): AsyncIterableIterator<ListItem<P>>;
  /**
   * A server-sent event stream (live room events, chat streams) as typed `{ event, data }` messages,
   * reconnecting when the connection drops. An answer that is not 2xx throws `XinrenApiError` (a
   * 4xx other than 429 is not retried).
   */
  subscribe<P extends StreamPath>(
    url: P,
    ...init: [...InitParam<RequestInitOf<P, 'get'>>, SubscribeOptions?]
  ): EventSubscription<StreamEvent<P>>;
  /** The same client with another token (e.g. a buyer and a merchant in one script). */
  withToken(token: XinrenClientOptions['token']): XinrenClient;
}

/** The typed client of the Xinren API. */
export function createXinrenClient(options: XinrenClientOptions): XinrenClient {
  const position = options.commitPosition ?? new CommitPosition();
  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const middleware: Middleware = {
    async onRequest({ request, schemaPath }) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      if (token && !request.headers.has('authorization'))
        request.headers.set('authorization', `Bearer ${token}`);
      if (!request.headers.has('user-agent') || options.userAgent) {
        request.headers.set('user-agent', options.userAgent ?? `xinren-sdk/${SDK_VERSION}`);
      }
      if (requiresIdempotencyKey(request.method, schemaPath) && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', idempotencyKey());
      }
      const readAfter = position.readAfter;
      if (readAfter && !request.headers.has(READ_AFTER_HEADER))
        request.headers.set(READ_AFTER_HEADER, readAfter);
      return request;
    },
    onResponse({ response }) {
      position.seen(response.headers.get(COMMIT_LSN_HEADER));
      return response;
    },
  };
  raw.use(middleware);

  // openapi-fetch's methods are typed per path; the wrapper passes the same arguments through.
  type Untyped = (url: string, init?: Record<string, unknown>) => Promise<FetchOutcome>;
  const call = async (method: Uppercase<Method>, url: string, init?: Record<string, unknown>) => {
    let outcome: FetchOutcome;
    try {
      outcome = await (raw[method] as unknown as Untyped)(url, init);
    } catch (error) {
      throw XinrenApiError.network(error);
    }
    if (!outcome.response.ok) throw XinrenApiError.fromResponse(outcome.response, outcome.error);
    return outcome.data;
  };
  const method = (name: Uppercase<Method>) =>
    ((url: string, init?: Record<string, unknown>) => call(name, url, init)) as never;

  const client: XinrenClient = {
    GET: method('GET'),
    POST: method('POST'),
    PUT: method('PUT'),
    PATCH: method('PATCH'),
    DELETE: method('DELETE'),
    raw,
    paginate: ((url: string, init?: Record<string, unknown>, pageOptions?: PaginateOptions) =>
      paginate((query) => call('GET', url, withQuery(init, query)), queryOf(init), pageOptions)) as never,
    subscribe: ((url: string, init?: Record<string, unknown>, streamOptions: SubscribeOptions = {}) => {
      const controller = new AbortController();
      const signals = [controller.signal, streamOptions.signal].filter((s): s is AbortSignal => !!s);
      const events = eventStream(
        async (lastEventId, signal) => {
          const headers: Record<string, string> = { accept: 'text/event-stream' };
          if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
          let outcome: FetchOutcome;
          try {
            outcome = await (raw.GET as unknown as Untyped)(url, {
              ...init,
              headers: { ...(init?.headers as Record<string, string> | undefined), ...headers },
              parseAs: 'stream',
              signal,
            });
          } catch (error) {
            throw XinrenApiError.network(error);
          }
          if (!outcome.response.ok) throw XinrenApiError.fromResponse(outcome.response, outcome.error);
          if (!outcome.response.body)
            throw new XinrenApiError(outcome.response.status, 'no_stream', 'The answer has no body');
          return { body: outcome.response.body };
        },
        {
          signal: AbortSignal.any(signals),
          reconnect: streamOptions.reconnect ?? true,
          retryable: (error) =>
            !(error instanceof XinrenApiError) ||
            error.status === 0 ||
            error.status === 429 ||
            error.status >= 500,
        },
      );
      return {
        [Symbol.asyncIterator]: () => events,
        close: () => controller.abort(),
      };
    }) as never,
    withToken: (token) => createXinrenClient({ ...options, token, commitPosition: position }),
  };
  return client;
}

interface FetchOutcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

type Query = Record<string, unknown>;

function queryOf(init: Record<string, unknown> | undefined): Query {
  const params = init?.params as { query?: Query } | undefined;
  return { ...(params?.query ?? {}) };
}

function withQuery(init: Record<string, unknown> | undefined, query: Query): Record<string, unknown> {
  const params = (init?.params as Record<string, unknown> | undefined) ?? {};
  return { ...init, params: { ...params, query } };
}

interface Page {
  items?: unknown[];
  total?: number;
  offset?: number;
  next?: number | string | null;
  hasMore?: boolean;
  nextBefore?: number | string | null;
}

/**
 * The pages of a list, by the form its answer takes: `nextBefore` (pass as `before`), `next` (pass
 * as `after`), `total` + `offset` (offset pages), `hasMore` (older pages `before` the smallest id).
 * A list with none of them is one page.
 */
export async function* paginate<Item>(
  fetchPage: (query: Query) => Promise<unknown>,
  firstQuery: Query = {},
  options: PaginateOptions = {},
): AsyncGenerator<Item> {
  let query = firstQuery;
  let yielded = 0;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  if (max <= 0) return;
  for (;;) {
    const page = ((await fetchPage(query)) ?? {}) as Page;
    const items = (page.items ?? []) as Item[];
    for (const item of items) {
      yield item;
      yielded += 1;
      if (yielded >= max) return;
    }
    if (items.length === 0) return;
    if ('nextBefore' in page) {
      if (page.nextBefore === null || page.nextBefore === undefined) return;
      query = { ...query, before: page.nextBefore };
    } else if ('next' in page) {
      if (page.next === null || page.next === undefined || page.next === query.after) return;
      query = { ...query, after: page.next };
    } else if (typeof page.total === 'number' && typeof page.offset === 'number') {
      const offset = page.offset + items.length;
      if (offset >= page.total) return;
      query = { ...query, offset };
    } else if (typeof page.hasMore === 'boolean') {
      if (!page.hasMore) return;
      const ids = items.map((item) => (item as { id?: unknown }).id).filter((id) => typeof id === 'number');
      if (ids.length === 0) return;
      query = { ...query, before: Math.min(...(ids as number[])) };
    } else {
      return;
    }
  }
}
