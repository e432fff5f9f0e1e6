import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../sdk/src/webhooks.ts';
import { WebhookRunner } from '../src/modules/webhooks/index.ts';
import {
  outboxRelayLagSeconds,
  outboxStreamPending,
  outboxUnrelayed,
} from '../src/modules/webhooks/webhooks.metrics.ts';
import { DAY } from '../src/platform/clock.ts';
import { connectNats } from '../src/platform/nats.ts';
import { emitEvents } from '../src/platform/outbox.ts';
import { buildPaidOrder, buildShop } from './builders.ts';
import { createTestContext, type TestContext } from './harness.ts';
import { exited, freePort, serverDir, startServer, waitHealthy } from './server-process.ts';
import { startReceiver, type WebhookReceiver } from './webhook-receiver.ts';

/**
 * The outbox over NATS JetStream (docs/webhooks.md "With NATS"): relay → stream → durable consumer →
 * deliveries. Needs the NATS server at NATS_URL (default nats://127.0.0.1:4222, JetStream on); other
 * test files share it, so each test uses its own stream and subject prefix and deletes the stream.
 */

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const nc: NatsConnection | undefined = await connect({ servers: natsUrl, timeout: 2_000 }).catch(
  () => undefined,
);
if (!nc) console.warn(`webhooks-stream tests skipped: no NATS server answers at ${natsUrl}`);

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await nc?.close();
});

/** A stream of this test's own (deleted after the file). */
async function ownStream(): Promise<{ streamName: string; subjectPrefix: string }> {
  const tag = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const stream = { streamName: `XINREN_OUTBOX_TEST_${tag}`, subjectPrefix: `xinrentest_${tag}` };
  const jsm = await jetstreamManager(nc!);
  cleanups.push(() => jsm.streams.delete(stream.streamName).catch(() => false));
  return stream;
}

const streamInfo = async (name: string) => (await jetstreamManager(nc!)).streams.info(name);

async function platformEndpoint(ctx: TestContext, url: string, eventTypes: string[]) {
  const { owner } = await buildShop(ctx);
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('webhookEndpoints')
    .values({
      shopId: null,
      url,
      eventTypes,
      state: 'enabled',
      disabledReason: null,
      secret,
      previousSecret: null,
      previousSecretExpiresAt: null,
      createdBy: owner.id,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, secret };
}

const silent = pino({ level: 'silent' });

describe.skipIf(!nc)('the outbox over NATS JetStream', () => {
  let receiver: WebhookReceiver;
  cleanups.push(() => receiver?.close());

  it('a real receiver gets a signed order.paid that went through the stream', async () => {
    const ctx = await createTestContext();
    receiver ??= await startReceiver();
    const endpoint = await platformEndpoint(ctx, `${receiver.url}/paid`, ['order.paid']);
    const stream = await ownStream();
    const runner = new WebhookRunner({
      db: ctx.db,
      clock: ctx.clock,
      log: silent,
      allowPrivateNetworks: true,
      nats: nc,
      stream,
    });
    const { orderId } = await buildPaidOrder(ctx);

    const counts = await runner.runOnce();
    expect(counts.relayed).toBeGreaterThan(0);
    expect(counts.created).toBe(1);
    expect(counts.succeeded).toBe(1);
    const [request] = receiver.at('/paid');
    const event = verifyWebhook(endpoint.secret, request!.headers, request!.body) as unknown as {
      id: string;
      type: string;
      data: { orderId: number };
    };
    expect(event.type).toBe('order.paid');
    expect(event.data.orderId).toBe(orderId);
    expect(event.id).toBe(request!.headers['webhook-id']);

    // every event went through the stream, in id order, under its event id; all relayed and dispatched
    const rows = await ctx.db.selectFrom('outboxEvents').selectAll().orderBy('id').execute();
    expect(rows.every((r) => r.relayedAt !== null && r.dispatchedAt !== null)).toBe(true);
    const info = await streamInfo(stream.streamName);
    expect(info.state.messages).toBe(rows.length);
    const js = jetstream(nc!);
    const first = await js.streams.get(stream.streamName).then((s) => s.getMessage({ seq: 1 }));
    expect(first!.header?.get('Nats-Msg-Id')).toBe(rows[0]!.eventId);
    expect(first!.subject).toBe(`${stream.subjectPrefix}.outbox.${rows[0]!.type}`);
    expect(first!.json<{ outboxId: number }>().outboxId).toBe(rows[0]!.id);

    // nothing left: a second round relays and fans out nothing
    const again = await runner.runOnce();
    expect([again.relayed, again.dispatched, again.attempted]).toEqual([0, 0, 0]);
    await runner.measureStream();
    expect((await outboxUnrelayed.get()).values[0]?.value).toBe(0);
    expect((await outboxStreamPending.get()).values[0]?.value).toBe(0);
  }, 60_000);

  it('redelivered and republished stream messages make no second delivery', async () => {
    const ctx = await createTestContext();
    receiver ??= await startReceiver();
    const endpoint = await platformEndpoint(ctx, `${receiver.url}/redelivered`, ['order.paid']);
    const stream = await ownStream();
    const runner = new WebhookRunner({
      db: ctx.db,
      clock: ctx.clock,
      log: silent,
      allowPrivateNetworks: true,
      nats: nc,
      stream: { ...stream, ackWaitMs: 1_000, batchSize: 50 },
    });
    await ctx.db.transaction().execute((tx) =>
      emitEvents(
        tx,
        Array.from({ length: 30 }, (_, n) => ({
          type: 'order.paid',
          shopId: null,
          resource: `order:${n}`,
          data: { n },
        })),
      ),
    );
    // relay only, then take 10 messages the way a worker that dies before its ack would
    await runner.stream!.ensure();
    expect((await runner.stream!.relayBatch(ctx.clock.now())).relayed).toBe(30);
    const consumer = await jetstream(nc!).consumers.get(stream.streamName, 'webhooks');
    const taken = [];
    for await (const m of await consumer.fetch({ max_messages: 10, expires: 1_000 })) taken.push(m);
    expect(taken).toHaveLength(10);

    // a relay that died after publishing and before its mark: the stream drops the republished events
    await ctx.db.updateTable('outboxEvents').set({ relayedAt: null }).execute();
    const republished = await runner.stream!.relayBatch(ctx.clock.now());
    expect(republished).toEqual({ relayed: 30, duplicates: 30 });
    expect((await streamInfo(stream.streamName)).state.messages).toBe(30);

    // the 10 unacknowledged come back after the ack wait; all 30 fan out once
    await new Promise((r) => setTimeout(r, 1_500));
    let created = 0;
    for (let round = 0; round < 5 && created < 30; round++) created += (await runner.runOnce()).created;
    expect(created).toBe(30);

    // the same events published again under other message ids (past the duplicate window): nothing new
    const js = jetstream(nc!);
    for (const m of taken) await js.publish(m.subject, m.data, { msgID: `again-${m.seq}` });
    const after = await runner.runOnce();
    expect(after.created).toBe(0);
    const info = await consumer.info();
    expect(info.num_pending + info.num_ack_pending).toBe(0);

    const deliveries = await ctx.db
      .selectFrom('webhookDeliveries')
      .select(['outboxId'])
      .where('endpointId', '=', endpoint.id)
      .execute();
    expect(deliveries).toHaveLength(30);
    expect(new Set(deliveries.map((d) => d.outboxId)).size).toBe(30);
    expect(receiver.at('/redelivered')).toHaveLength(30);
  }, 60_000);

  it('workers killed with SIGKILL mid-run lose nothing: two more finish, in order, duplicates carry the same webhook-id', async () => {
    const EVENTS = 600;
    const ctx = await createTestContext();
    const slow = await startReceiver(() => ({ status: 200, delayMs: 20 }));
    cleanups.push(() => slow.close());
    const endpoint = await platformEndpoint(ctx, `${slow.url}/crash`, ['order.paid']);
    const stream = await ownStream();
    await ctx.db.transaction().execute((tx) =>
      emitEvents(
        tx,
        Array.from({ length: EVENTS }, (_, n) => ({
          type: 'order.paid',
          shopId: null,
          resource: `order:${n % 20}`,
          data: { n },
        })),
      ),
    );
    const worker = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/webhooks-stream-process.ts'], {
        cwd: serverDir,
        env: {
          ...process.env,
          WEBHOOKS_DB_URL: ctx.dbUrl,
          NATS_URL: natsUrl,
          OUTBOX_STREAM: stream.streamName,
          OUTBOX_PREFIX: stream.subjectPrefix,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (d) => {
        output += d;
      });
      child.stderr!.on('data', (d) => {
        output += d;
      });
      cleanups.push(() => void child.kill('SIGKILL'));
      return { child, output: () => output };
    };
    const until = async (
      what: string,
      check: () => Promise<boolean>,
      timeoutMs: number,
      log: () => string,
    ) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${log()}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const marks = async () =>
      ctx.db
        .selectFrom('outboxEvents')
        .select((eb) => [
          eb.fn.count<string>('relayedAt').as('relayed'),
          eb.fn.count<string>('dispatchedAt').as('dispatched'),
        ])
        .executeTakeFirstOrThrow();

    // killed as soon as the stream holds events: relaying, fanning out or delivering
    const first = worker();
    await until(
      'the first worker to publish',
      async () => ((await streamInfo(stream.streamName).catch(() => undefined))?.state.messages ?? 0) > 0,
      60_000,
      first.output,
    );
    first.child.kill('SIGKILL');
    await exited(first.child);
    const atKill = { ...(await marks()), received: slow.received.length };

    // the next one killed as soon as it has fanned events out: fetching, fanning out or delivering
    const middle = worker();
    await until(
      'the second worker to fan out',
      async () => Number((await marks()).dispatched) > 0,
      60_000,
      middle.output,
    );
    middle.child.kill('SIGKILL');
    await exited(middle.child);
    const atSecondKill = { ...(await marks()), received: slow.received.length };

    // two at once finish: they share the consumer and the relay's lock
    const second = worker();
    const third = worker();
    const open = async () =>
      (
        await ctx.db
          .selectFrom('outboxEvents')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('dispatchedAt', 'is', null)
          .executeTakeFirstOrThrow()
      ).n;
    const unfinished = async () =>
      (
        await ctx.db
          .selectFrom('webhookDeliveries')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('state', '<>', 'succeeded')
          .executeTakeFirstOrThrow()
      ).n;
    await until(
      'every event to be delivered',
      async () => Number(await open()) === 0 && Number(await unfinished()) === 0,
      120_000,
      () => second.output() + third.output(),
    );
    second.child.kill('SIGTERM');
    third.child.kill('SIGTERM');
    await Promise.all([exited(second.child), exited(third.child)]);

    // one delivery per event, all succeeded; the stream holds each event once
    const deliveries = await ctx.db.selectFrom('webhookDeliveries').selectAll().execute();
    expect(deliveries).toHaveLength(EVENTS);
    expect(new Set(deliveries.map((d) => d.outboxId)).size).toBe(EVENTS);
    expect((await streamInfo(stream.streamName)).state.messages).toBe(EVENTS);

    // every event reached the receiver, signed, its body's id its webhook-id (also on duplicates)
    const firstSeen = new Map<string, number>();
    for (const r of slow.received) {
      const event = verifyWebhook(endpoint.secret, r.headers, r.body) as unknown as {
        id: string;
        data: { n: number };
      };
      expect(event.id).toBe(r.headers['webhook-id']);
      if (!firstSeen.has(event.id)) firstSeen.set(event.id, event.data.n);
    }
    expect(firstSeen.size).toBe(EVENTS);
    // one resource's events arrived (first) in the order they were written
    const arrival = [...firstSeen.values()];
    for (let resource = 0; resource < 20; resource++) {
      const ns = arrival.filter((n) => n % 20 === resource);
      expect(ns).toEqual([...ns].sort((a, b) => a - b));
    }
    const duplicates = slow.received.length - EVENTS;
    // at most the delivery batches in flight when the killed processes died (2 lanes of 20 each)
    expect(duplicates).toBeLessThanOrEqual(80);
    console.info(
      `webhooks stream crash test: killed at ${atKill.relayed} relayed, ${atKill.dispatched} dispatched, ${atKill.received} received; ` +
        `again at ${atSecondKill.relayed} relayed, ${atSecondKill.dispatched} dispatched, ${atSecondKill.received} received; ${duplicates} duplicates`,
    );
  }, 180_000);

  it('NATS stopped: events wait in PostgreSQL, said once; NATS back: all of them arrive', async () => {
    // its own nats-server (the machine's one is shared), stopped and started on the same store
    const port = await freePort();
    const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-nats-'));
    cleanups.push(() => fs.rmSync(storeDir, { recursive: true, force: true }));
    const startNats = () => {
      const child = spawn(
        '/usr/sbin/nats-server',
        ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)],
        {
          stdio: 'ignore',
        },
      );
      cleanups.push(() => void child.kill('SIGKILL'));
      return child;
    };
    let server = startNats();
    const own = await connectNats(`nats://127.0.0.1:${port}`, 'webhooks-stream-test');
    cleanups.push(() => own.close());

    const ctx = await createTestContext();
    receiver ??= await startReceiver();
    await platformEndpoint(ctx, `${receiver.url}/outage`, ['order.paid']);
    const said: string[] = [];
    const log = {
      warn: (_: object, message: string) => void said.push(message),
      error: (_: object, message: string) => void said.push(message),
    };
    const runner = new WebhookRunner({
      db: ctx.db,
      clock: ctx.clock,
      log,
      allowPrivateNetworks: true,
      nats: own,
      stream: { streamName: 'XINREN_OUTBOX', subjectPrefix: 'xinren', publishTimeoutMs: 1_000 },
    });
    const emit = (from: number) =>
      ctx.db.transaction().execute((tx) =>
        emitEvents(
          tx,
          Array.from({ length: 10 }, (_, n) => ({
            type: 'order.paid',
            shopId: null,
            resource: `order:${from + n}`,
            data: { n: from + n },
            occurredAt: ctx.clock.now(),
          })),
        ),
      );
    const waitFor = async (message: string) => {
      const deadline = Date.now() + 20_000;
      while (!said.some((m) => m.startsWith(message))) {
        if (Date.now() > deadline) throw new Error(`never logged "${message}": ${said.join(' | ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    await emit(0);
    expect((await runner.runOnce()).succeeded).toBe(10);

    server.kill('SIGTERM');
    await exited(server);
    await waitFor('NATS disconnected');
    await emit(10);
    for (let round = 0; round < 3; round++) {
      const counts = await runner.runOnce();
      expect([counts.relayed, counts.created]).toEqual([0, 0]);
    }
    const waiting = await ctx.db
      .selectFrom('outboxEvents')
      .select('id')
      .where('relayedAt', 'is', null)
      .where('dispatchedAt', 'is', null)
      .execute();
    expect(waiting).toHaveLength(10);
    // a long outage: the hourly prune, 8 days on, keeps every event that has not been through the stream
    ctx.clock.advance(8 * DAY);
    await runner.prune();
    const kept = await ctx.db
      .selectFrom('outboxEvents')
      .select('id')
      .where('relayedAt', 'is', null)
      .execute();
    expect(kept).toHaveLength(10);
    // (the 10 delivered before the outage were pruned)
    expect(await ctx.db.selectFrom('outboxEvents').select('id').execute()).toHaveLength(10);
    // the gauges say what waits, NATS or not
    await runner.measureStream();
    const gauge = async (g: typeof outboxUnrelayed) => (await g.get()).values[0]?.value;
    expect(await gauge(outboxUnrelayed)).toBe(10);
    expect(await gauge(outboxRelayLagSeconds)).toBeGreaterThanOrEqual(0);
    expect(said).toEqual(['NATS disconnected: the outbox relay pauses, events wait in PostgreSQL']);

    server = startNats();
    await waitFor('NATS reconnected');
    let delivered = 0;
    for (let round = 0; round < 10 && delivered < 10; round++)
      delivered += (await runner.runOnce()).succeeded;
    expect(delivered).toBe(10);
    expect(receiver.at('/outage')).toHaveLength(20);
    const info = await (await jetstreamManager(own)).streams.info('XINREN_OUTBOX');
    expect(info.state.messages).toBe(20);
  }, 90_000);

  it('a server started with NATS_URL relays its outbox through its own stream and delivers from it', async () => {
    const ctx = await createTestContext();
    receiver ??= await startReceiver();
    const endpoint = await platformEndpoint(ctx, `${receiver.url}/server`, ['order.paid']);
    const prefix = `xinrenserver_${process.pid}_${randomBytes(3).toString('hex')}`;
    const streamName = `${prefix.toUpperCase()}_OUTBOX`;
    const jsm = await jetstreamManager(nc!);
    cleanups.push(() => jsm.streams.delete(streamName).catch(() => false));
    await ctx.db.transaction().execute((tx) =>
      emitEvents(
        tx,
        Array.from({ length: 5 }, (_, n) => ({
          type: 'order.paid',
          shopId: null,
          resource: `order:${n}`,
          data: { n },
        })),
      ),
    );
    const server = startServer(
      {
        DATABASE_URL: ctx.dbUrl,
        NATS_URL: natsUrl,
        NATS_SUBJECT_PREFIX: prefix,
        XINREN_ROLE: 'all',
        XINREN_DEADLINES: 'off',
        XINREN_WEBHOOKS_PRIVATE_NETWORKS: 'allow',
      },
      await freePort(),
    );
    cleanups.push(() => void server.child.kill('SIGKILL'));
    await waitHealthy(server);
    const deadline = Date.now() + 30_000;
    while (receiver.at('/server').length < 5) {
      if (Date.now() > deadline) throw new Error(`not delivered:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    server.child.kill('SIGTERM');
    await exited(server.child);
    for (const r of receiver.at('/server')) verifyWebhook(endpoint.secret, r.headers, r.body);
    expect((await jsm.streams.info(streamName)).state.messages).toBe(5);
    const marks = await ctx.db.selectFrom('outboxEvents').select(['relayedAt', 'dispatchedAt']).execute();
    expect(marks.every((m) => m.relayedAt !== null && m.dispatchedAt !== null)).toBe(true);
  }, 120_000);
});
