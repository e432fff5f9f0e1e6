import type { FastifyInstance } from 'fastify';
import type { PubSub } from './pubsub.ts';

/**
 * Channel of the read cache's invalidations: the payload is one tag (`product:12`, `shop:3`,
 * `live:40`). Database triggers publish them (migration 0106) when a row buyers see changes, so
 * every writer, in every process, invalidates without knowing the cache.
 */
export const READ_CACHE_CHANNEL = 'read_cache';

/** What a read produces for the cache: its answer and the tags of the rows it was read from. */
export interface Cacheable<T> {
  value: T;
  tags: readonly string[];
}

interface Entry {
  value: unknown;
  tags: readonly string[];
  until: number;
}

/**
 * Public answers (the same for every caller) kept for a short time per process, usually as their
 * serialised JSON: a hit costs no statement and no serialisation. An entry goes when a tag it was
 * read from is invalidated (a NOTIFY on READ_CACHE_CHANNEL from any process, delivered after the
 * change's commit) and at the latest after its TTL, the bound for what no trigger reports (stock
 * counts). Invalidating `live:40` also drops what was tagged with the family `live` (any session).
 * Concurrent misses of one key share one load. Nothing is cached until this process listens, and a
 * load that an invalidation overtook is answered but not kept. After a write request of this process
 * (`keepReadsAfterWrites`), reads wait for the notifications of its commit: the writer, and whoever
 * it tells, reads what was written.
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly loading = new Map<string, Promise<unknown>>();
  private listening = false;
  /** Bumped by every invalidation: a load that started before one is not kept. */
  private generation = 0;
  readonly ready: Promise<void>;

  constructor(
    private readonly pubsub: PubSub | undefined,
    private readonly options: { maxEntries?: number; now?: () => number } = {},
  ) {
    this.ready = pubsub
      ? pubsub
          .subscribe(READ_CACHE_CHANNEL, (tag) => this.invalidate(tag))
          .then(
            () => {
              this.listening = true;
            },
            () => {},
          )
      : Promise.resolve();
  }

  /** The serialised answer under `key`: cached, or loaded (once for concurrent callers) and kept `ttlMs`. */
  json<T>(
    key: string,
    ttlMs: number,
    load: () => Promise<Cacheable<T>>,
    serialise: (value: T) => string = JSON.stringify,
  ): Promise<string> {
    return this.get(key, ttlMs, async () => {
      const { value, tags } = await load();
      return { value: serialise(value), tags };
    });
  }

  /** The value under `key`: cached, or loaded (once for concurrent callers) and kept `ttlMs`. */
  get<T>(key: string, ttlMs: number, load: () => Promise<Cacheable<T>>): Promise<T> {
    // a write of this process answered a moment ago: its notifications first (read your writes)
    const settling = this.pubsub?.settling;
    if (settling) return settling.then(() => this.get(key, ttlMs, load));
    const now = (this.options.now ?? Date.now)();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return Promise.resolve(hit.value as T);
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const generation = this.generation;
    const loaded = load().then(({ value, tags }) => {
      if (this.listening && generation === this.generation)
        this.keep(key, { value, tags, until: now + ttlMs });
      return value;
    });
    this.loading.set(key, loaded);
    const done = () => {
      if (this.loading.get(key) === loaded) this.loading.delete(key);
    };
    loaded.then(done, done);
    return loaded;
  }

  /** Drops every entry read from `tag`. */
  invalidate(tag: string): void {
    this.generation++;
    // a load in flight may have read the old row: the next caller loads anew
    this.loading.clear();
    const family = tag.split(':')[0]!;
    for (const t of family === tag ? [tag] : [tag, family]) {
      for (const key of this.byTag.get(t) ?? []) this.drop(key);
      this.byTag.delete(t);
    }
  }

  private keep(key: string, entry: Entry) {
    this.drop(key);
    if (this.entries.size >= (this.options.maxEntries ?? 20_000)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.drop(oldest);
    }
    this.entries.set(key, entry);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag) ?? new Set<string>();
      keys.add(key);
      this.byTag.set(tag, keys);
    }
  }

  private drop(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}

/**
 * After every write request of a merchant, creator or ops account (they edit what buyers read),
 * this process catches up with the read cache's notifications before serving a cached read. The
 * write's answer does not wait; buyers' writes (checkout's stock counts) are left to the TTL.
 */
export function keepReadsAfterWrites(app: FastifyInstance, pubsub: PubSub): void {
  // onSend: the write has committed, and the answer has not left yet
  app.addHook('onSend', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const kind = request.principal?.kind;
    if (kind === undefined || kind === 'buyer') return;
    void pubsub.sync();
  });
}
