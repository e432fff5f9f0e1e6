import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../src/platform/db.ts';
import { natsConnected } from '../src/platform/metrics.ts';
import { connectNats, type NatsConnection } from '../src/platform/nats.ts';
import { NatsPubSub, notify } from '../src/platform/pubsub.ts';
import { createTestContext, type TestContext } from './harness.ts';
import { freePort } from './server-process.ts';

// A NATS server of this file's own (never the machine's), stopped and started again.
const NATS_SERVER = '/usr/sbin/nats-server';
const available = existsSync(NATS_SERVER);
if (!available) console.warn(`bus-nats-outage.integration.test.ts skipped: no ${NATS_SERVER}`);

describe.skipIf(!available)('the bus while NATS is away', () => {
  let ctx: TestContext;
  let port: number;
  let server: ChildProcess | undefined;
  let nc: NatsConnection;
  const warnings: string[] = [];
  const infos: string[] = [];
  const log = {
    warn: (_: object, msg: string) => warnings.push(msg),
    info: (_: object, msg: string) => infos.push(msg),
  };

  async function startNats(): Promise<void> {
    server = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`http://127.0.0.1:${port}`).then(
        () => true,
        (err) => !String(err?.cause?.code ?? '').includes('ECONNREFUSED'),
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async function stopNats(): Promise<void> {
    const s = server;
    server = undefined;
    if (!s || s.exitCode !== null) return;
    const gone = new Promise((r) => s.once('exit', r));
    s.kill('SIGKILL');
    await gone;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    port = await freePort();
    await startNats();
    nc = await connectNats(`nats://127.0.0.1:${port}`, 'outage-test');
  });
  afterAll(async () => {
    await nc?.close();
    await stopNats();
  });

  it('commits without NATS, logs the outage once, and hears messages again once NATS is back', async () => {
    const pubsub = new NatsPubSub(nc, { prefix: 'outage', log, syncTimeoutMs: 300 });
    const handle = connect(ctx.dbUrl, { max: 2, bus: pubsub });
    try {
      const heard: string[] = [];
      await pubsub.subscribe('outage_probe', (p) => heard.push(p));
      await notify(handle.db, 'outage_probe', 'up');
      await pubsub.sync();
      expect(heard).toEqual(['up']);

      await stopNats();
      for (let i = 0; i < 100 && warnings.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      // The transaction commits; its message is lost or sent later, never waited for.
      const started = Date.now();
      const committed = await handle.db.transaction().execute(async (tx) => {
        await notify(tx, 'outage_probe', 'while away');
        return (await sql<{ ok: number }>`select 1 as ok`.execute(tx)).rows[0]?.ok;
      });
      expect(committed).toBe(1);
      await pubsub.sync(); // gives up at once while NATS is away: reads never wait for it
      expect(Date.now() - started).toBeLessThan(2_000);
      await new Promise((r) => setTimeout(r, 1_200)); // several reconnect attempts
      expect(warnings).toHaveLength(1);
      expect((await natsConnected.get()).values[0]?.value).toBe(0); // /metrics: xinren_nats_connected

      await startNats();
      for (let i = 0; i < 200 && infos.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(infos).toHaveLength(1);
      expect((await natsConnected.get()).values[0]?.value).toBe(1);
      // the subscription was resumed on the new server
      await notify(handle.db, 'outage_probe', 'back');
      await pubsub.sync();
      expect(heard).toContain('back');
      expect(warnings).toHaveLength(1);
    } finally {
      await pubsub.close();
      await handle.close();
    }
  });
});
