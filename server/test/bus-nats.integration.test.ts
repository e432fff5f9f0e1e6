import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveClient } from '../src/modules/live/live.test-support.ts';
import { openEvents } from '../src/modules/live/live-events.test-support.ts';
import { notify } from '../src/platform/pubsub.ts';
import { buildBuyer, buildListedProduct, buildPaidOrder, buildShop, buildUser } from './builders.ts';
import { api, createTestContext, type TestContext } from './harness.ts';
import {
  type NatsProcess,
  natsProcess,
  natsReachable,
  TEST_NATS_URL,
  testSubjectPrefix,
} from './nats.test-support.ts';

// Two server processes in NATS mode (NATS_URL) over one database: each its own pool, NATS
// connection and app. Events between them travel over NATS, published after commit.
const reachable = await natsReachable();
if (!reachable)
  console.warn(`bus-nats.integration.test.ts skipped: no NATS server at ${TEST_NATS_URL} (set NATS_URL)`);

describe.skipIf(!reachable)('events between processes over NATS', () => {
  let base: TestContext;
  let a: NatsProcess;
  let b: NatsProcess;
  const prefix = testSubjectPrefix();

  beforeAll(async () => {
    base = await createTestContext();
    a = await natsProcess(base, prefix, 'test-a');
    b = await natsProcess(base, prefix, 'test-b');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  /** Messages of a probe channel as B hears them. */
  async function probe(channel: string): Promise<string[]> {
    const heard: string[] = [];
    await b.pubsub.subscribe(channel, (payload) => heard.push(payload));
    return heard;
  }
  /** Everything A published has been handled by B: A's flush, then B's. */
  async function settle(): Promise<void> {
    await a.nats.flush();
    await b.pubsub.sync();
  }

  it('a committed transaction publishes after COMMIT, a rolled-back one nothing', async () => {
    const heard = await probe('bus_probe');
    await expect(
      a.ctx.db.transaction().execute(async (tx) => {
        await notify(tx, 'bus_probe', 'rolled back');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await a.ctx.db.transaction().execute(async (tx) => {
      await notify(tx, 'bus_probe', 'committed');
      await settle();
      expect(heard).toEqual([]); // not before the commit
    });
    await settle();
    expect(heard).toEqual(['committed']);
    // no transaction: at once
    await notify(a.ctx.db, 'bus_probe', 'at once');
    await settle();
    expect(heard).toEqual(['committed', 'at once']);
    // PostgreSQL saw no NOTIFY: nothing of it reaches a LISTEN either (the triggers' channel aside)
  });

  it('a rollback to a savepoint drops what was queued since; a released one keeps it', async () => {
    const heard = await probe('bus_savepoints');
    const trx = await a.ctx.db.startTransaction().execute();
    await notify(trx, 'bus_savepoints', 'before');
    const sp1 = await trx.savepoint('sp1').execute();
    await notify(sp1, 'bus_savepoints', 'dropped');
    const back = await sp1.rollbackToSavepoint('sp1').execute();
    const sp2 = await back.savepoint('sp2').execute();
    await notify(sp2, 'bus_savepoints', 'released');
    const released = await sp2.releaseSavepoint('sp2').execute();
    await released.commit().execute();
    await settle();
    expect(heard).toEqual(['before', 'released']);
  });

  it('a token revoked in one process is refused at once by the other, which had it cached', async () => {
    const user = await buildUser(a.ctx, 'buyer');
    expect((await api(b.ctx.app, user.token).get('/api/v1/me')).status).toBe(200);
    expect((await api(b.ctx.app, user.token).get('/api/v1/me')).status).toBe(200); // cached now
    expect((await api(a.ctx.app, user.token).post('/api/v1/auth/logout')).status).toBe(200);
    await settle();
    expect((await api(b.ctx.app, user.token).get('/api/v1/me')).status).toBe(401);
  });

  it('the read cache hears the database triggers over LISTEN beside NATS', async () => {
    const heard = await probe('read_cache');
    const { shopId } = await buildShop(a.ctx);
    await a.ctx.db.updateTable('shops').set({ name: '改名的店' }).where('id', '=', shopId).execute();
    await settle();
    expect(heard).toContain(`shop:${shopId}`);
  });

  it('a viewer on B gets comments, pins and stock from A while B cannot read its database', async () => {
    const client = liveClient(() => a.ctx);
    const { shopId, owner } = await buildShop(a.ctx);
    const pinned = await buildListedProduct(a.ctx, shopId, {
      title: '手工陶瓷杯',
      skus: [
        { priceFen: 5_900, stock: 20 },
        { priceFen: 6_900, stock: 5 },
      ],
    });
    const other = await buildListedProduct(a.ctx, shopId, { title: '茶盘' });
    const sessionId = await client.schedule(owner, { shopId });
    expect(
      (
        await client
          .as(owner)
          .post(`/api/v1/live/sessions/${sessionId}/pins`, { productId: pinned.productId })
      ).status,
    ).toBe(201);
    const viewer = await openEvents(b.url, sessionId);
    expect((await viewer.next('snapshot')).data.pins).toHaveLength(1);

    // From here B's pool is closed: whatever reaches the viewer came in the message.
    await b.handle.close();

    expect((await client.as(owner).post(`/api/v1/live/sessions/${sessionId}/start`)).status).toBe(200);
    expect((await viewer.next('session')).data).toEqual({ id: sessionId, state: 'live' });

    const buyer = await buildBuyer(a.ctx);
    const posted = await api(a.ctx.app, buyer.token).post(`/api/v1/live/sessions/${sessionId}/comments`, {
      text: '杯子有礼盒装吗？',
    });
    expect(posted.body.state).toBe('visible');
    expect((await viewer.next('comment')).data).toMatchObject({
      id: posted.body.id,
      text: '杯子有礼盒装吗？',
    });

    expect(
      (await client.as(owner).post(`/api/v1/live/sessions/${sessionId}/pins`, { productId: other.productId }))
        .status,
    ).toBe(201);
    const pins = (await viewer.next('pins')).data;
    expect(pins.map((p: { productId: number }) => p.productId)).toEqual([pinned.productId, other.productId]);

    // a checkout through A: the stock tick travels with the commit (no poll on B)
    await buildPaidOrder(a.ctx, { skuId: pinned.skuIds[1], quantity: 2, liveSessionId: sessionId });
    expect((await viewer.until('stock', (d) => d.skuId === pinned.skuIds[1])).data).toEqual({
      skuId: pinned.skuIds[1],
      productId: pinned.productId,
      stock: 3,
      totalStock: 23,
    });

    expect((await client.as(owner).post(`/api/v1/live/sessions/${sessionId}/end`)).status).toBe(200);
    expect((await viewer.until('session', (d) => d.state === 'ended')).data.state).toBe('ended');
    viewer.close();
  });
});
