import {
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  sql,
  type TransactionSettings,
  type UnknownRow,
} from 'kysely';

/** Where a Db handle in broker mode sends its messages (NatsPubSub): fire and forget. */
export interface BusSink {
  publish(channel: string, payload: string): void;
}

export interface BusMessage {
  channel: string;
  payload: string;
}

/**
 * The messages a transaction has queued, and its open savepoints (each with how many messages were
 * queued when it was taken). Pure: a rollback to a savepoint forgets what was queued after it.
 */
export interface TxQueue {
  messages: BusMessage[];
  savepoints: { name: string; at: number }[];
}

export const newQueue = (): TxQueue => ({ messages: [], savepoints: [] });

/** The innermost savepoint of that name (names may repeat; the latest shadows the others). */
function lastSavepoint(q: TxQueue, name: string): number {
  for (let i = q.savepoints.length - 1; i >= 0; i--) if (q.savepoints[i]!.name === name) return i;
  return -1;
}

export function takeSavepoint(q: TxQueue, name: string): void {
  q.savepoints.push({ name, at: q.messages.length });
}

/** `rollback to savepoint`: what was queued since is dropped; the savepoint stays (as in PostgreSQL). */
export function rollbackToSavepoint(q: TxQueue, name: string): void {
  const i = lastSavepoint(q, name);
  if (i < 0) return;
  q.messages.length = q.savepoints[i]!.at;
  q.savepoints.length = i + 1;
}

/** `release savepoint`: its messages now belong to the enclosing (sub)transaction; it and later ones go. */
export function releaseSavepoint(q: TxQueue, name: string): void {
  const i = lastSavepoint(q, name);
  if (i >= 0) q.savepoints.length = i;
}

/**
 * Publishing after commit for one Db handle in broker mode. `notify` queues a message on the
 * transaction's connection; the wrapped driver publishes the queue once COMMIT has succeeded and
 * drops it on ROLLBACK (or a failed COMMIT, which Kysely follows with a rollback). Savepoints keep
 * marks in the queue. Found from any Kysely instance of the handle (transactions included) through
 * its plugin list, which Kysely carries into every transaction: call sites need no context.
 */
export class Bus implements KyselyPlugin {
  private readonly queues = new WeakMap<DatabaseConnection, TxQueue>();

  constructor(readonly sink: BusSink) {}

  /** Queues on the transaction running on `connection`; publishes at once when it runs none. */
  queue(connection: DatabaseConnection, message: BusMessage): void {
    const q = this.queues.get(connection);
    if (q) q.messages.push(message);
    else this.publish([message]);
  }

  publishNow(message: BusMessage): void {
    this.publish([message]);
  }

  private publish(messages: readonly BusMessage[]): void {
    for (const { channel, payload } of messages) {
      try {
        this.sink.publish(channel, payload);
      } catch {
        // The broker is away or closed: live events degrade, the committed change stands.
      }
    }
  }

  /** The dialect whose driver reports transaction boundaries to this bus. */
  wrap(dialect: Dialect): Dialect {
    return {
      createAdapter: () => dialect.createAdapter(),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createIntrospector: (db) => dialect.createIntrospector(db),
      createDriver: () => this.wrapDriver(dialect.createDriver()),
    };
  }

  wrapDriver(inner: Driver): Driver {
    const queues = this.queues;
    const bus = this;
    return {
      init: () => inner.init(),
      acquireConnection: () => inner.acquireConnection(),
      releaseConnection: (conn) => {
        queues.delete(conn);
        return inner.releaseConnection(conn);
      },
      destroy: () => inner.destroy(),
      async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
        await inner.beginTransaction(conn, settings);
        queues.set(conn, newQueue());
      },
      async commitTransaction(conn: DatabaseConnection) {
        await inner.commitTransaction(conn);
        const q = queues.get(conn);
        queues.delete(conn);
        if (q) bus.publish(q.messages);
      },
      async rollbackTransaction(conn: DatabaseConnection) {
        queues.delete(conn);
        await inner.rollbackTransaction(conn);
      },
      async savepoint(conn, name, compileQuery) {
        await inner.savepoint!(conn, name, compileQuery);
        const q = queues.get(conn);
        if (q) takeSavepoint(q, name);
      },
      async rollbackToSavepoint(conn, name, compileQuery) {
        await inner.rollbackToSavepoint!(conn, name, compileQuery);
        const q = queues.get(conn);
        if (q) rollbackToSavepoint(q, name);
      },
      async releaseSavepoint(conn, name, compileQuery) {
        await inner.releaseSavepoint!(conn, name, compileQuery);
        const q = queues.get(conn);
        if (q) releaseSavepoint(q, name);
      },
    };
  }

  // A plugin only to travel with the Db handle into its transactions: it changes nothing.
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: any database type: the bus does not look at tables
type AnyKysely = Kysely<any>;

/** The broker bus of `db`'s handle, if it was connected with one (`connect(url, { bus })`). */
export function busOf(db: AnyKysely): Bus | undefined {
  return db.getExecutor().plugins.find((p): p is Bus => p instanceof Bus);
}

/** How `notify` on `db` travels: through the broker, or PostgreSQL's NOTIFY. */
export function busKind(db: AnyKysely): 'nats' | 'postgres' {
  return busOf(db) ? 'nats' : 'postgres';
}

/**
 * Publishes `payload` on `channel` to every process (this one included) when `db`'s transaction
 * commits, at once outside one; never after a rollback. PostgreSQL mode: `pg_notify` in the
 * transaction (NOTIFY payloads are capped at 8,000 bytes). Broker mode: queued on the transaction
 * and published after COMMIT (messages up to 1 MB); the commit never waits for the broker.
 */
export async function notify(db: AnyKysely, channel: string, payload: string): Promise<void> {
  const bus = busOf(db);
  if (!bus) {
    await sql`select pg_notify(${channel}, ${payload})`.execute(db);
    return;
  }
  const message = { channel, payload };
  if (!db.isTransaction) {
    bus.publishNow(message);
    return;
  }
  await db.getExecutor().provideConnection(async (connection) => bus.queue(connection, message));
}
