import { describe, expect, it } from 'vitest';
import type { PubSub } from './pubsub.ts';
import { READ_CACHE_CHANNEL, ReadCache } from './read-cache.ts';

/** A cache on a fake pubsub: `publish(tag)` is a NOTIFY arriving; `now` moves by hand. */
function cacheWithClock() {
  let handler: (payload: string) => void = () => {};
  const pubsub = {
    subscribe: async (channel: string, h: (payload: string) => void) => {
      expect(channel).toBe(READ_CACHE_CHANNEL);
      handler = h;
    },
  } as unknown as PubSub;
  const clock = { now: 0 };
  const cache = new ReadCache(pubsub, { now: () => clock.now, maxEntries: 3 });
  return { cache, clock, publish: (tag: string) => handler(tag) };
}

function counter(tags: string[] = ['product:1']) {
  let loads = 0;
  return {
    load: async () => ({ value: { n: ++loads }, tags }),
    loads: () => loads,
  };
}

describe('read cache', () => {
  it('answers from the cache until the TTL passes', async () => {
    const { cache, clock } = cacheWithClock();
    await cache.ready;
    const c = counter();
    expect(await cache.json('k', 1_000, c.load)).toBe('{"n":1}');
    clock.now = 999;
    expect(await cache.json('k', 1_000, c.load)).toBe('{"n":1}');
    clock.now = 1_000;
    expect(await cache.json('k', 1_000, c.load)).toBe('{"n":2}');
  });

  it.each([
    ['the tag itself', 'product:1', ['product:1'], 2],
    ['another row', 'product:2', ['product:1'], 1],
    ['a row of the family an entry reads', 'live:7', ['live'], 2],
    ['a family does not reach single rows', 'live', ['live:7'], 1],
  ])('invalidating %s', async (_, tag, tags, loadsAfter) => {
    const { cache, publish } = cacheWithClock();
    await cache.ready;
    const c = counter(tags);
    await cache.json('k', 60_000, c.load);
    publish(tag);
    await cache.json('k', 60_000, c.load);
    expect(c.loads()).toBe(loadsAfter);
  });

  it('shares one load between concurrent misses', async () => {
    const { cache } = cacheWithClock();
    await cache.ready;
    const c = counter();
    const answers = await Promise.all([1, 2, 3].map(() => cache.json('k', 1_000, c.load)));
    expect(answers).toEqual(['{"n":1}', '{"n":1}', '{"n":1}']);
    expect(c.loads()).toBe(1);
  });

  it('does not keep a load that an invalidation overtook (it may have read the old row)', async () => {
    const { cache, publish } = cacheWithClock();
    await cache.ready;
    let release: () => void = () => {};
    const slow = cache.json('k', 60_000, async () => {
      await new Promise<void>((r) => {
        release = r;
      });
      return { value: 'old', tags: ['product:1'] };
    });
    publish('product:1');
    release();
    expect(await slow).toBe('"old"');
    expect(await cache.json('k', 60_000, async () => ({ value: 'new', tags: ['product:1'] }))).toBe('"new"');
  });

  it('keeps at most maxEntries, the oldest going first', async () => {
    const { cache } = cacheWithClock();
    await cache.ready;
    const c = counter();
    for (const key of ['a', 'b', 'c', 'd']) await cache.json(key, 60_000, c.load);
    await cache.json('a', 60_000, c.load); // the oldest went to make room
    expect(c.loads()).toBe(5);
  });
});
