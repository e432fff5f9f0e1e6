import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../sdk/src/webhooks.ts';
import { emitEvents } from '../src/platform/outbox.ts';
import { buildShop } from './builders.ts';
import { createTestContext } from './harness.ts';
import { exited, serverDir } from './server-process.ts';
import { startReceiver } from './webhook-receiver.ts';

const EVENTS = 200;
const RESOURCES = 20;

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function deliverer(dbUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/webhooks-deliverer-process.ts'], {
    cwd: serverDir,
    env: { ...process.env, WEBHOOKS_DB_URL: dbUrl },
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
}

async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  log = () => '',
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a webhook deliverer killed with SIGKILL in the middle of a batch', () => {
  it('loses nothing: another deliverer finishes, duplicates carry the same webhook-id, order holds', async () => {
    const ctx = await createTestContext();
    const receiver = await startReceiver(() => ({ status: 200, delayMs: 100 }));
    cleanups.push(() => receiver.close());
    const { owner } = await buildShop(ctx);
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const now = new Date();
    await ctx.db
      .insertInto('webhookEndpoints')
      .values({
        shopId: null,
        url: `${receiver.url}/crash`,
        eventTypes: ['order.paid'],
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
      .execute();
    await ctx.db.transaction().execute((tx) =>
      emitEvents(
        tx,
        Array.from({ length: EVENTS }, (_, n) => ({
          type: 'order.paid',
          shopId: null,
          resource: `order:${n % RESOURCES}`,
          data: { n },
        })),
      ),
    );

    const first = deliverer(ctx.dbUrl);
    await until(
      'the first deliverer to be mid-run',
      () => receiver.received.length >= 50,
      60_000,
      first.output,
    );
    first.child.kill('SIGKILL');
    await exited(first.child);
    const atKill = receiver.received.length;

    const second = deliverer(ctx.dbUrl);
    const open = async () =>
      (
        await ctx.db
          .selectFrom('webhookDeliveries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('state', '<>', 'succeeded')
          .executeTakeFirstOrThrow()
      ).n;
    await until('every delivery to succeed', async () => Number(await open()) === 0, 90_000, second.output);
    second.child.kill('SIGTERM');
    await exited(second.child);

    const deliveries = await ctx.db.selectFrom('webhookDeliveries').selectAll().execute();
    expect(deliveries).toHaveLength(EVENTS);
    expect(deliveries.every((d) => d.state === 'succeeded')).toBe(true);

    // every request is signed, and its body's id is its webhook-id; every event arrived at least once
    const firstSeen = new Map<string, { n: number; resource: string; index: number }>();
    for (const [index, r] of receiver.received.entries()) {
      const event = verifyWebhook(secret, r.headers, r.body) as unknown as {
        id: string;
        data: { n: number };
      };
      expect(event.id).toBe(r.headers['webhook-id']);
      if (!firstSeen.has(event.id))
        firstSeen.set(event.id, { n: event.data.n, resource: `order:${event.data.n % RESOURCES}`, index });
    }
    expect(firstSeen.size).toBe(EVENTS);
    const duplicates = receiver.received.length - EVENTS;
    expect(duplicates).toBeGreaterThanOrEqual(0);
    // at most the batches in flight when the first process died (2 lanes of 20) are sent twice
    expect(duplicates).toBeLessThanOrEqual(40);

    // one resource's events arrived (first) in the order they were written
    for (let resource = 0; resource < RESOURCES; resource++) {
      const ns = [...firstSeen.values()]
        .filter((s) => s.resource === `order:${resource}`)
        .sort((a, b) => a.index - b.index)
        .map((s) => s.n);
      expect(ns).toEqual([...ns].sort((a, b) => a - b));
    }
    // the deliveries the dead process held were put back when their lease expired
    const lost = await ctx.db
      .selectFrom('webhookAttempts')
      .select('deliveryId')
      .where('error', 'like', 'no answer recorded%')
      .execute();
    expect(lost.length).toBeGreaterThan(0);
    console.info(
      `webhooks crash test: ${atKill} requests before the kill, ${lost.length} deliveries recovered, ${duplicates} duplicates`,
    );
  }, 180_000);
});
