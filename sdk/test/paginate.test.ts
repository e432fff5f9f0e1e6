import { describe, expect, it } from 'vitest';
import { paginate } from '../src/index.ts';

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of pages) out.push(item);
  return out;
}

describe('paginate', () => {
  it('offset lists: { items, total, limit, offset } page by offset until total', async () => {
    const queries: unknown[] = [];
    const items = await collect(
      paginate(
        async (query) => {
          queries.push(query);
          const offset = (query.offset as number | undefined) ?? 0;
          return { items: ids(Math.min(2, 5 - offset), offset + 1), total: 5, limit: 2, offset };
        },
        { limit: 2, state: 'paid' },
      ),
    );
    expect(items.map((i) => (i as { id: number }).id)).toEqual([1, 2, 3, 4, 5]);
    expect(queries).toEqual([
      { limit: 2, state: 'paid' },
      { limit: 2, state: 'paid', offset: 2 },
      { limit: 2, state: 'paid', offset: 4 },
    ]);
  });

  it('after cursors: { items, next } until no items come', async () => {
    const queries: unknown[] = [];
    const items = await collect(
      paginate(async (query) => {
        queries.push(query);
        const after = (query.after as number | undefined) ?? 0;
        const page = ids(Math.max(0, Math.min(2, 3 - after)), after + 1);
        return { items: page, next: page.at(-1)?.id ?? after };
      }),
    );
    expect(items).toHaveLength(3);
    expect(queries).toEqual([{}, { after: 2 }, { after: 3 }]);
  });

  it('before cursors: { items (oldest first), hasMore } pages back from the smallest id', async () => {
    const queries: unknown[] = [];
    const items = await collect(
      paginate(async (query) => {
        queries.push(query);
        const before = (query.before as number | undefined) ?? 6;
        const from = Math.max(1, before - 2);
        return { items: ids(before - from, from), hasMore: from > 1 };
      }),
    );
    expect(items.map((i) => (i as { id: number }).id)).toEqual([4, 5, 2, 3, 1]);
    expect(queries).toEqual([{}, { before: 4 }, { before: 2 }]);
  });

  it('{ items, nextBefore } follows nextBefore until null; a bare { items } is one page; max stops early', async () => {
    const pages = [
      { items: ids(2, 9), nextBefore: 9 },
      { items: ids(1, 3), nextBefore: null },
    ];
    const queries: unknown[] = [];
    const items = await collect(
      paginate(async (query) => {
        queries.push(query);
        return pages.shift();
      }),
    );
    expect(items).toHaveLength(3);
    expect(queries).toEqual([{}, { before: 9 }]);
    expect(await collect(paginate(async () => ({ items: ids(4) })))).toHaveLength(4);
    let calls = 0;
    const capped = await collect(
      paginate(
        async () => {
          calls += 1;
          return { items: ids(2), total: 100, limit: 2, offset: 0 };
        },
        {},
        { max: 3 },
      ),
    );
    expect(capped).toHaveLength(3);
    expect(calls).toBe(2);
  });
});
