import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildOps,
  buildPaidOrder,
  buildShop,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { liveCommentFeed } from '../content/index.ts';
import { liveClient } from './live.test-support.ts';
import { LiveEventHub } from './live-events.hub.ts';
import { openEvents, secondProcess } from './live-events.test-support.ts';

// Two server processes over one database: writes go through A, viewers watch B.
let ctx: TestContext;
let b: Awaited<ReturnType<typeof secondProcess>>;
let urlA: string;
const client = liveClient(() => ctx);

beforeAll(async () => {
  ctx = await createTestContext();
  urlA = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  b = await secondProcess(ctx);
});
afterAll(async () => {
  await b.close();
});

/** A shop's room, scheduled, with one product of two SKUs pinned and one more listed. */
async function shopRoom() {
  const { shopId, owner } = await buildShop(ctx);
  const pinned = await buildListedProduct(ctx, shopId, {
    title: '手工陶瓷杯',
    skus: [
      { priceFen: 5_900, stock: 20 },
      { priceFen: 6_900, stock: 5 },
    ],
  });
  const other = await buildListedProduct(ctx, shopId, { title: '茶盘' });
  const sessionId = await client.schedule(owner, { shopId });
  const pin = await client.as(owner).post(`/api/v1/live/sessions/${sessionId}/pins`, {
    productId: pinned.productId,
  });
  expect(pin.status, JSON.stringify(pin.body)).toBe(201);
  return { shopId, owner, sessionId, pinned, other };
}

const comment = (token: string, sessionId: number, text: string) =>
  api(ctx.app, token).post(`/api/v1/live/sessions/${sessionId}/comments`, { text });

describe('live-room events across two server processes', () => {
  it('an unknown session answers 404 as JSON, before any stream starts', async () => {
    const res = await fetch(`${b.url}/api/v1/live/sessions/999999/events`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('a viewer on B gets the snapshot, then going live, comments (never hidden ones), pins, stock, and the end', async () => {
    const room = await shopRoom();
    const viewer = await openEvents(b.url, room.sessionId);

    const snapshot = (await viewer.next('snapshot')).data;
    expect(snapshot.session).toMatchObject({ id: room.sessionId, state: 'scheduled', pinnedCount: 1 });
    expect(snapshot.pins).toHaveLength(1);
    expect(snapshot.pins[0]).toMatchObject({
      productId: room.pinned.productId,
      title: '手工陶瓷杯',
      totalStock: 25,
    });
    expect(snapshot.pins[0]!.skus).toEqual([
      {
        skuId: room.pinned.skuIds[0],
        spec: expect.any(String),
        priceFen: 5_900,
        stock: 20,
        purchaseLimit: null,
      },
      {
        skuId: room.pinned.skuIds[1],
        spec: expect.any(String),
        priceFen: 6_900,
        stock: 5,
        purchaseLimit: null,
      },
    ]);
    expect(snapshot.comments).toEqual([]);

    expect((await client.as(room.owner).post(`/api/v1/live/sessions/${room.sessionId}/start`)).status).toBe(
      200,
    );
    expect((await viewer.next('session')).data).toEqual({ id: room.sessionId, state: 'live' });

    // Posted through A; screening hides the evasive WeChat id, so only the clean one reaches B.
    const buyer = await buildBuyer(ctx);
    const hidden = await comment(buyer.token, room.sessionId, '私聊 vx 幺三八 1234 5678');
    expect(hidden.body.state).not.toBe('visible');
    const shown = await comment(buyer.token, room.sessionId, '杯子有礼盒装吗？');
    expect(shown.body.state).toBe('visible');
    const heard = (await viewer.next('comment')).data;
    expect(heard).toMatchObject({ id: shown.body.id, sessionId: room.sessionId, text: '杯子有礼盒装吗？' });
    expect(heard.author.userId).toBe(buyer.id);

    const pinOther = await client
      .as(room.owner)
      .post(`/api/v1/live/sessions/${room.sessionId}/pins`, { productId: room.other.productId });
    expect(pinOther.status).toBe(201);
    const pins = (await viewer.next('pins')).data;
    expect(pins.map((p: { productId: number }) => p.productId)).toEqual([
      room.pinned.productId,
      room.other.productId,
    ]);
    expect(pins[1]!.skus[0]).toMatchObject({ priceFen: 9_900, stock: 100 });

    const unpin = await client
      .as(room.owner)
      .delete(`/api/v1/live/sessions/${room.sessionId}/pins/${room.pinned.productId}`);
    expect(unpin.status).toBe(200);
    expect((await viewer.next('pins')).data.map((p: { productId: number }) => p.productId)).toEqual([
      room.other.productId,
    ]);

    // A checkout through A of the pinned SKU: B's poller sees the new stock within about a second
    // (10 s allowed for a loaded machine).
    const otherSku = (
      await ctx.db
        .selectFrom('skus')
        .select('id')
        .where('productId', '=', room.other.productId)
        .executeTakeFirstOrThrow()
    ).id;
    await buildPaidOrder(ctx, { skuId: otherSku, quantity: 3, liveSessionId: room.sessionId });
    expect((await viewer.next('stock', 10_000)).data).toEqual({
      skuId: otherSku,
      productId: room.other.productId,
      stock: 97,
      totalStock: 97,
    });

    expect((await client.as(room.owner).post(`/api/v1/live/sessions/${room.sessionId}/end`)).status).toBe(
      200,
    );
    expect((await viewer.next('session')).data).toEqual({ id: room.sessionId, state: 'ended' });
    expect(viewer.pending()).toEqual([]);
    viewer.close();
  });

  it('a reconnecting viewer gets a fresh snapshot with the latest visible comments and current stock', async () => {
    const room = await shopRoom();
    await client.as(room.owner).post(`/api/v1/live/sessions/${room.sessionId}/start`);
    const buyer = await buildBuyer(ctx);
    await comment(buyer.token, room.sessionId, '第一条');
    await comment(buyer.token, room.sessionId, '加我薇 信 abc_12345');
    await buildPaidOrder(ctx, { skuId: room.pinned.skuIds[1]!, quantity: 2 });

    const viewer = await openEvents(b.url, room.sessionId);
    const snapshot = (await viewer.next('snapshot')).data;
    expect(snapshot.session.state).toBe('live');
    expect(snapshot.comments.map((c: { text: string }) => c.text)).toEqual(['第一条']);
    expect(snapshot.pins[0]!.skus.map((s: { stock: number }) => s.stock)).toEqual([20, 3]);
    viewer.close();
  });

  it('viewers on both processes learn of an ops stop and of a high-risk title stop, with the reason', async () => {
    const room = await shopRoom();
    await client.as(room.owner).post(`/api/v1/live/sessions/${room.sessionId}/start`);
    const onA = await openEvents(urlA, room.sessionId);
    const onB = await openEvents(b.url, room.sessionId);
    await onA.next('snapshot');
    await onB.next('snapshot');
    const ops = await buildOps(ctx);
    const stop = await api(ctx.app, ops.token).post(`/api/v1/ops/live/sessions/${room.sessionId}/terminate`, {
      reason: '直播中出现违禁品',
    });
    expect(stop.status, JSON.stringify(stop.body)).toBe(200);
    for (const viewer of [onA, onB]) {
      expect((await viewer.next('session')).data).toEqual({
        id: room.sessionId,
        state: 'terminated',
        reason: '直播中出现违禁品',
      });
      viewer.close();
    }

    const second = await shopRoom();
    await client.as(second.owner).post(`/api/v1/live/sessions/${second.sessionId}/start`);
    const viewer = await openEvents(b.url, second.sessionId);
    await viewer.next('snapshot');
    const title = await client
      .as(second.owner)
      .patch(`/api/v1/live/sessions/${second.sessionId}`, { title: '私聊 vx 幺三八 1234 5678 下单更便宜' });
    expect(title.body.state).toBe('terminated');
    const stopped = (await viewer.next('session')).data;
    expect(stopped).toMatchObject({ id: second.sessionId, state: 'terminated' });
    expect(stopped.reason).toContain('紧急关播');
    viewer.close();
  });

  it('closing a process ends its open streams and does not wait for the viewers', async () => {
    const room = await shopRoom();
    const viewer = await openEvents(b.url, room.sessionId);
    await viewer.next('snapshot');
    const started = Date.now();
    await b.close();
    await viewer.done;
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('the hub sends heartbeats, forgets a viewer who leaves, and ends streams when it closes', async () => {
    const room = await shopRoom();
    const hub = new LiveEventHub(ctx.db, ctx.pubsub, liveCommentFeed, { heartbeatMs: 20, stockPollMs: 20 });
    const viewer = () => {
      const raw = Object.assign(new EventEmitter(), {
        chunks: [] as string[],
        destroyed: false,
        writableEnded: false,
        writableLength: 0,
        writeHead: () => raw,
        write: (chunk: string) => raw.chunks.push(chunk) > 0,
        end: () => {
          raw.writableEnded = true;
          raw.emit('close');
        },
      });
      return raw;
    };
    const leaving = viewer();
    const staying = viewer();
    let begun = 0;
    await hub.open(room.sessionId, leaving as unknown as ServerResponse, () => begun++);
    await hub.open(room.sessionId, staying as unknown as ServerResponse, () => begun++);
    expect(begun).toBe(2);
    expect(hub.viewerCount).toBe(2);
    expect(staying.chunks.some((c) => c.startsWith('event: snapshot\n'))).toBe(true);
    await expect.poll(() => staying.chunks.filter((c) => c === ': heartbeat\n\n').length).toBeGreaterThan(1);

    leaving.emit('close');
    expect(hub.viewerCount).toBe(1);
    await expect(hub.open(999_999, viewer() as unknown as ServerResponse, () => begun++)).rejects.toThrow(
      /999999/,
    );
    expect(begun).toBe(2);
    expect(hub.viewerCount).toBe(1);

    hub.close();
    expect(staying.writableEnded).toBe(true);
    expect(hub.viewerCount).toBe(0);
  });
});
