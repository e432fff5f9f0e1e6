import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import pg from 'pg';
import type { BusSink } from './bus.ts';
import { natsConnected } from './metrics.ts';
import { connectNats, NATS_PREFIX } from './nats.ts';

export { busKind, notify } from './bus.ts';

type Handler = (payload: string) => void;
type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

/**
 * Messages between the processes of one deployment: a change made by one process (a revoked token,
 * a live comment, a new setting) reaches every process. Publishing is `notify(db, channel, payload)`
 * (platform/bus.ts), which travels the way the Db handle was connected: PostgreSQL NOTIFY
 * (PgPubSub, no broker beyond the database) or NATS (NatsPubSub, NATS_URL).
 */
export interface PubSub {
  /** Handlers run for every message on `channel` from any process, including this one. */
  subscribe(channel: string, handler: Handler): Promise<void>;
  /** Resolves once messages published (and committed) before the call elsewhere were handled here. */
  sync(): Promise<void>;
  /** The round trip of `sync()` under way or queued, if any (the read cache waits for it). */
  readonly settling: Promise<void> | undefined;
  close(): Promise<void>;
  readonly kind: 'postgres' | 'nats';
}

/**
 * Channels whose messages PostgreSQL itself publishes (triggers, migration 0106's read-cache tags):
 * any writer in any module raises them, so they stay on LISTEN/NOTIFY in NATS mode too.
 */
export const CHANNELS_FROM_TRIGGERS: readonly string[] = ['read_cache'];

/**
 * Shares round trips between callers of `sync()`: a caller arriving while one is under way waits for
 * the next one (the one under way may have started before its messages were sent); callers meanwhile
 * share that next one.
 */
class RoundTrips {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly roundTrip: () => Promise<void>) {}

  sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const queued = this.running.then(() => {
      this.queued = undefined;
      return this.start();
    });
    this.queued = queued;
    return queued;
  }

  get settling(): Promise<void> | undefined {
    return this.queued ?? this.running;
  }

  private start(): Promise<void> {
    const run = this.roundTrip().catch(() => {});
    this.running = run;
    void run.then(() => {
      if (this.running === run) this.running = undefined;
    });
    return run;
  }
}

/**
 * LISTEN/NOTIFY: one dedicated connection per process listens (opened from DATABASE_SESSION_URL
 * when given, else DATABASE_URL: LISTEN is session state, which a transaction-mode PgBouncer does not
 * keep). When that connection is lost it is opened again and listens to every channel again;
 * notifications sent meanwhile are missed (the caches' TTLs bound what that costs).
 */
export class PgPubSub implements PubSub {
  readonly kind = 'postgres' as const;
  private client: pg.Client | undefined;
  private readonly handlers = new Map<string, Set<Handler>>();
  private starting: Promise<pg.Client> | undefined;
  /** LISTEN statements one after another: a pg client runs one query at a time. */
  private listens: Promise<unknown> = Promise.resolve();
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly trips = new RoundTrips(() => this.roundTrip());
  private readonly options: pg.ClientConfig | undefined;

  /** `source`: a connection string, or a pool whose settings the listening connection copies. */
  constructor(
    source: string | pg.Pool | undefined,
    private readonly opts: { log?: Log; reconnectMs?: number } = {},
  ) {
    this.options =
      source === undefined
        ? undefined
        : typeof source === 'string'
          ? { connectionString: source }
          : { ...(source.options as pg.ClientConfig) };
  }

  async subscribe(channel: string, handler: Handler): Promise<void> {
    const ident = quoteIdent(channel);
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      try {
        const client = await this.connect();
        if (client) await this.listen(client, ident);
      } catch (err) {
        this.handlers.delete(channel);
        throw err;
      }
    }
    set.add(handler);
  }

  private listen(client: pg.Client, ident: string): Promise<unknown> {
    const listen = this.listens.then(() => client.query(`listen ${ident}`));
    this.listens = listen.catch(() => {});
    return listen;
  }

  private connect(): Promise<pg.Client | undefined> {
    if (!this.options || this.closed) return Promise.resolve(undefined);
    this.starting ??= this.open().catch((err) => {
      this.starting = undefined;
      throw err;
    });
    return this.starting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ ...this.options, application_name: 'xinren-listen' });
    client.on('notification', (msg) => {
      for (const handler of this.handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    this.client = client;
    return client;
  }

  /** The listening connection went away: open another and listen again, until it works or we close. */
  private lost(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    this.starting = undefined;
    this.listens = Promise.resolve();
    client.end().catch(() => {});
    this.opts.log?.warn({}, 'pubsub: the listening database connection was lost; reconnecting');
    const again = () => {
      this.retry = undefined;
      if (this.closed) return;
      this.connect()
        .then(async (c) => {
          if (!c) return;
          for (const channel of this.handlers.keys()) await this.listen(c, quoteIdent(channel));
          this.opts.log?.info({}, 'pubsub: listening again');
        })
        .catch(() => {
          const c = this.client;
          if (c) this.lost(c);
          else this.retry = setTimeout(again, this.opts.reconnectMs ?? 1_000);
        });
    };
    this.retry = setTimeout(again, this.opts.reconnectMs ?? 1_000);
  }

  /**
   * Resolves once every notification of a transaction committed before the call has been handled
   * here: PostgreSQL sends a listening session its pending notifications before it answers a
   * statement, so one round trip on the listening connection suffices. Callers meanwhile share the
   * next round trip.
   */
  sync(): Promise<void> {
    return this.trips.sync();
  }

  get settling(): Promise<void> | undefined {
    return this.trips.settling;
  }

  private async roundTrip(): Promise<void> {
    await this.client?.query('select 1');
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    await client?.end().catch(() => {});
  }
}

/** The NATS subject of a bus channel: `<prefix>.bus.<channel>`. */
export function busSubject(prefix: string, channel: string): string {
  quoteIdent(channel);
  return `${prefix}.bus.${channel}`;
}

/**
 * Core NATS (NATS_URL): `notify` publishes on `xinren.bus.<channel>` after the commit, and every
 * process subscribes. Nothing waits for the broker: while it is away, messages published are lost
 * (live events pause; caches fall back to their TTLs) and subscriptions resume when it is back.
 * `sync()` is a flush (PING/PONG): the server has then delivered to this connection whatever it
 * received before, including this process's own publishes. Channels raised by database triggers
 * (CHANNELS_FROM_TRIGGERS) are received through `triggers`, a PgPubSub.
 */
export class NatsPubSub implements PubSub, BusSink {
  readonly kind = 'nats' as const;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly subscriptions: Subscription[] = [];
  private readonly trips = new RoundTrips(() => this.roundTrip());
  private readonly prefix: string;
  private connected = true;

  constructor(
    private readonly nc: NatsConnection,
    private readonly opts: { prefix?: string; log?: Log; triggers?: PgPubSub; syncTimeoutMs?: number } = {},
  ) {
    this.prefix = opts.prefix ?? NATS_PREFIX;
    natsConnected.set(1);
    void this.watch();
  }

  /** Logs once per outage (the client reports every reconnect attempt). */
  private async watch(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect' && this.connected) {
        this.connected = false;
        natsConnected.set(0);
        this.opts.log?.warn({ server: s.server }, 'NATS disconnected: live events pause until it is back');
      } else if (s.type === 'reconnect' && !this.connected) {
        this.connected = true;
        natsConnected.set(1);
        this.opts.log?.info({ server: s.server }, 'NATS reconnected: live events resume');
      }
    }
  }

  /** Whether the broker is reachable now (for health and metrics). */
  get isConnected(): boolean {
    return this.connected && !this.nc.isClosed();
  }

  async subscribe(channel: string, handler: Handler): Promise<void> {
    if (this.opts.triggers && CHANNELS_FROM_TRIGGERS.includes(channel))
      return this.opts.triggers.subscribe(channel, handler);
    let set = this.handlers.get(channel);
    if (!set) {
      const handlers = new Set<Handler>();
      set = handlers;
      this.handlers.set(channel, handlers);
      // A callback subscription: handlers run as the messages are read, before a later PONG resolves.
      this.subscriptions.push(
        this.nc.subscribe(busSubject(this.prefix, channel), {
          callback: (err, msg) => {
            if (err) return;
            const payload = msg.string();
            for (const h of handlers) h(payload);
          },
        }),
      );
      // the server knows the subscription once it answers: nothing published after this is missed
      await this.flush();
    }
    set.add(handler);
  }

  publish(channel: string, payload: string): void {
    this.nc.publish(busSubject(this.prefix, channel), payload);
  }

  sync(): Promise<void> {
    return this.trips.sync();
  }

  get settling(): Promise<void> | undefined {
    return this.trips.settling;
  }

  private async roundTrip(): Promise<void> {
    await Promise.all([this.flush(), this.opts.triggers?.sync()]);
  }

  /** A flush that gives up while the broker is away (reads never wait for NATS). */
  private async flush(): Promise<void> {
    if (!this.connected || this.nc.isClosed()) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.opts.syncTimeoutMs ?? 1_000);
    });
    try {
      await Promise.race([this.nc.flush().catch(() => {}), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Unsubscribes; the connection belongs to the caller (runtime.ts closes it). */
  async close(): Promise<void> {
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
    await this.opts.triggers?.close();
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad channel name ${name}`);
  return `"${name}"`;
}

/** The process's bus: NATS when `natsUrl` is set (with `sink` for `connect(url, { bus })`), else LISTEN/NOTIFY. */
export interface OpenedBus {
  pubsub: PubSub;
  /** Give to `connect(url, { bus: sink })`: that handle's `notify` then publishes over NATS. */
  sink: BusSink | undefined;
  nats: NatsConnection | undefined;
  close(): Promise<void>;
}

/**
 * Opens the bus of a server process. `sessionUrl` is where LISTEN goes (DATABASE_SESSION_URL or
 * DATABASE_URL): the whole bus in PostgreSQL mode, the trigger channels in NATS mode.
 */
export async function openBus(opts: {
  natsUrl: string | undefined;
  sessionUrl: string;
  name: string;
  log: Log;
  /** Subject prefix (NATS_SUBJECT_PREFIX; default `xinren`): deployments sharing one NATS server differ. */
  prefix?: string;
}): Promise<OpenedBus> {
  const triggers = new PgPubSub(opts.sessionUrl, { log: opts.log });
  if (!opts.natsUrl)
    return { pubsub: triggers, sink: undefined, nats: undefined, close: () => triggers.close() };
  opts.log.info({}, 'connecting to NATS (the start waits for it)');
  const nats = await connectNats(opts.natsUrl, opts.name);
  opts.log.info({ server: nats.getServer() }, 'NATS connected: events between processes travel over NATS');
  const pubsub = new NatsPubSub(nats, { prefix: opts.prefix, log: opts.log, triggers });
  return {
    pubsub,
    sink: pubsub,
    nats,
    async close() {
      await pubsub.close();
      // what was published is sent before the connection closes
      await nats.drain().catch(() => nats.close());
    },
  };
}
