import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.ts';

describe('Batcher', () => {
  it('runs a lone item at once and coalesces items that arrive while a batch runs', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const batcher = new Batcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items.map((i) => i * 10);
      },
      { maxBatch: 3, concurrency: 1 },
    );
    const first = batcher.submit(1);
    const rest = [2, 3, 4, 5].map((i) => batcher.submit(i));
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('rejects every item of a failed batch, and keeps serving later ones', async () => {
    let calls = 0;
    const batcher = new Batcher<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return items;
      },
      { maxBatch: 10, concurrency: 1 },
    );
    await expect(batcher.submit(1)).rejects.toThrow('boom');
    expect(await batcher.submit(2)).toBe(2);
  });
});
