import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildShop } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { exited, freePort, startServer, waitHealthy } from '../../../test/server-process.ts';
import { liveClient } from './live.test-support.ts';
import { openEvents } from './live-events.test-support.ts';
import { DEFAULT_STALE_MS } from './live-presence.ts';

// A real second server process (`xinren start` over the test database) that the test kills with
// SIGKILL: no chance to withdraw its presence or close its views; the others must stop counting it.
let ctx: TestContext;
let urlA: string;
let child: ReturnType<typeof startServer>;
const client = liveClient(() => ctx);

beforeAll(async () => {
  ctx = await createTestContext();
  urlA = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  child = startServer(
    { DATABASE_URL: ctx.dbUrl, XINREN_WEB_DIR: 'off', LOG_LEVEL: 'warn' },
    await freePort(),
  );
  await waitHealthy(child);
}, 120_000);
afterAll(() => {
  child?.child.kill('SIGKILL');
});

describe('viewers when a server process is killed', () => {
  it("drops the killed process's viewers after the stale window and closes their views", async () => {
    const { shopId, owner } = await buildShop(ctx);
    const sessionId = await client.goLive(owner, { shopId });
    const buyer = await buildBuyer(ctx);
    const urlC = `http://127.0.0.1:${child.port}`;
    const onA = await openEvents(urlA, sessionId, { viewer: 'viewer-on-a-01' });
    const onC1 = await openEvents(urlC, sessionId, { token: buyer.token });
    const onC2 = await openEvents(urlC, sessionId, { viewer: 'viewer-on-c-02' });
    for (const v of [onA, onC1, onC2]) await v.next('snapshot');

    const stats = async () => (await client.as(owner).get(`/api/v1/live/sessions/${sessionId}/stats`)).body;
    await expect.poll(async () => (await stats()).viewers, { timeout: 15_000, interval: 250 }).toBe(3);
    await onA.until('viewers', (d) => d.current === 3);

    child.child.kill('SIGKILL');
    await exited(child.child);
    const killedAt = Date.now();
    // Still counted until its presence goes stale (about 15 s after its last beat), then dropped.
    await expect
      .poll(async () => (await stats()).viewers, { timeout: DEFAULT_STALE_MS + 15_000, interval: 500 })
      .toBe(1);
    expect(Date.now() - killedAt).toBeGreaterThan(DEFAULT_STALE_MS - 4_000);
    await onA.until('viewers', (d) => d.current === 1, 10_000);

    const after = await stats();
    expect(after).toMatchObject({ viewers: 1, peakViewers: 3, uniqueViewers: 3 });
    // The killed process's views were closed at its last beat; only A's viewer is still open.
    await expect
      .poll(
        async () =>
          (
            await ctx.db
              .selectFrom('liveViews')
              .select('viewerKey')
              .where('sessionId', '=', sessionId)
              .where('leftAt', 'is', null)
              .execute()
          ).map((v) => v.viewerKey),
        { timeout: 10_000 },
      )
      .toEqual(['a:viewer-on-a-01']);
    onA.close();
    onC1.close();
    onC2.close();
  }, 90_000);
});
