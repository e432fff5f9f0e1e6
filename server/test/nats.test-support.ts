import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import { connect as connectNatsServer, type NatsConnection } from '@nats-io/transport-node';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { connect, type DbHandle } from '../src/platform/db.ts';
import type { App } from '../src/platform/http.ts';
import { NatsPubSub, PgPubSub } from '../src/platform/pubsub.ts';
import type { TestContext } from './harness.ts';

/** The NATS server of NATS-mode tests: NATS_URL, else the machine's own. */
export const TEST_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** Whether a NATS server answers at `url` (its INFO line within a second). */
export function natsReachable(url = TEST_NATS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url.split(',')[0]!.trim());
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('INFO')));
    socket.once('error', () => done(false));
    socket.connect(Number(port || 4222), hostname || '127.0.0.1');
  });
}

/**
 * A subject prefix of its own per test file: test files running at once on the machine's shared
 * NATS server never hear each other.
 */
export const testSubjectPrefix = () => `xt_${randomBytes(5).toString('hex')}`;

export interface NatsProcess {
  /** The test context as this process sees it (its Db handle, pubsub and app). */
  ctx: TestContext;
  nats: NatsConnection;
  pubsub: NatsPubSub;
  handle: DbHandle;
  url: string;
  close(): Promise<void>;
}

/**
 * A server process in NATS mode over the test database: its own pool (whose `notify` publishes over
 * NATS after commit), its own NATS connection and subscriptions, its own app listening on a free port.
 */
export async function natsProcess(base: TestContext, prefix: string, name: string): Promise<NatsProcess> {
  const nats = await connectNatsServer({ servers: TEST_NATS_URL, name });
  const pubsub = new NatsPubSub(nats, { prefix, triggers: new PgPubSub(base.dbUrl) });
  const handle = connect(base.dbUrl, { max: 5, bus: pubsub });
  const ctx = {
    ...base,
    db: handle.db,
    handle,
    pubsub,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  };
  const app: App = await buildApp(ctx);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  let closing: Promise<void> | undefined;
  return {
    ctx: { ...ctx, app },
    nats,
    pubsub,
    handle,
    url,
    close() {
      closing ??= (async () => {
        await app.close();
        await pubsub.close();
        await handle.close().catch(() => {});
        await nats.close();
      })();
      return closing;
    },
  };
}
