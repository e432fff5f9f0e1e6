import type pg from 'pg';

type Handler = (payload: string) => void;

/**
 * Messages between the processes of one deployment through PostgreSQL LISTEN/NOTIFY: a change made
 * by one process (a revoked token, later live-room events) reaches every other process, with no
 * broker beyond the database. One dedicated connection per process listens; publishing is a
 * `pg_notify` that can run inside the transaction making the change (delivered on commit).
 */
export class PubSub {
  private client: pg.PoolClient | undefined;
  private readonly handlers = new Map<string, Set<Handler>>();
  private starting: Promise<void> | undefined;
  /** LISTEN statements one after another: a pg client runs one query at a time. */
  private listens: Promise<unknown> = Promise.resolve();

  constructor(private readonly pool: pg.Pool | undefined) {}

  /** Handlers run for every message on `channel` from any process, including this one. */
  async subscribe(channel: string, handler: Handler): Promise<void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      const client = await this.connect();
      const listen = this.listens.then(() => client?.query(`listen ${quoteIdent(channel)}`));
      this.listens = listen.catch(() => {});
      await listen;
    }
    set.add(handler);
  }

  private async connect(): Promise<pg.PoolClient | undefined> {
    if (!this.pool) return undefined;
    this.starting ??= (async () => {
      const client = await this.pool!.connect();
      client.on('notification', (msg) => {
        for (const handler of this.handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
      });
      client.on('error', () => {});
      this.client = client;
    })();
    await this.starting;
    return this.client;
  }

  private syncing: Promise<void> | undefined;
  private queuedSync: Promise<void> | undefined;

  /**
   * Resolves once every notification of a transaction committed before the call has been handled
   * here: PostgreSQL sends a listening session its pending notifications before it answers a
   * statement, so one round trip on the listening connection suffices. Callers meanwhile share the
   * next round trip.
   */
  sync(): Promise<void> {
    if (this.queuedSync) return this.queuedSync;
    if (!this.syncing) return this.startSync();
    const queued = this.syncing.then(() => {
      this.queuedSync = undefined;
      return this.startSync();
    });
    this.queuedSync = queued;
    return queued;
  }

  /** The round trip of `sync()` under way or queued, if any. */
  get settling(): Promise<void> | undefined {
    return this.queuedSync ?? this.syncing;
  }

  private startSync(): Promise<void> {
    const client = this.client;
    if (!client) return Promise.resolve();
    const run: Promise<void> = client.query('select 1').then(
      () => {},
      () => {},
    );
    this.syncing = run;
    void run.then(() => {
      if (this.syncing === run) this.syncing = undefined;
    });
    return run;
  }

  async close(): Promise<void> {
    this.client?.release(true);
    this.client = undefined;
    this.starting = undefined;
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad channel name ${name}`);
  return `"${name}"`;
}
