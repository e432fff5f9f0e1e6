import { describe, expect, it } from 'vitest';
import { CommitPosition, parseLsn } from './read-after.ts';

const memory = (initial: Record<string, string> = {}) => {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
};

describe('parseLsn', () => {
  it.each([
    ['0/16B3748', 0x16b3748n],
    ['16/B374D848', (0x16n << 32n) | 0xb374d848n],
    ['', undefined],
    ['0/', undefined],
    ['x/1', undefined],
    ['0/100000000', undefined],
    [undefined, undefined],
  ])('%j → %s', (text, lsn) => {
    expect(parseLsn(text)).toBe(lsn);
  });
});

describe('CommitPosition', () => {
  it.each([
    [[], undefined],
    [['0/A'], '0/A'],
    [['0/A', '0/9'], '0/A'],
    [['9/FF', '10/0'], '10/0'],
    [['0/A', 'junk', null], '0/A'],
  ])('keeps the highest of %j: %s', (headers, readAfter) => {
    const store = memory();
    const position = new CommitPosition(store);
    for (const h of headers) position.seen(h);
    expect(position.readAfter).toBe(readAfter);
    expect(store.items.get('xinren.readAfter')).toBe(readAfter);
  });

  it('starts from the position kept in the tab’s storage (a reload after saving), ignoring junk', () => {
    expect(new CommitPosition(memory({ 'xinren.readAfter': '1/0' })).readAfter).toBe('1/0');
    expect(new CommitPosition(memory({ 'xinren.readAfter': 'junk' })).readAfter).toBeUndefined();
  });

  it('works in memory when storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const position = new CommitPosition(refusing);
    position.seen('0/5');
    expect(position.readAfter).toBe('0/5');
  });
});
