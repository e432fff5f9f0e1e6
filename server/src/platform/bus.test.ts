import type { DatabaseConnection, Driver } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parseStockTicks } from '../modules/catalog/stock-ticks.ts';
import { Bus, newQueue, releaseSavepoint, rollbackToSavepoint, type TxQueue, takeSavepoint } from './bus.ts';
import { busSubject } from './pubsub.ts';

type Step = ['notify', string] | ['savepoint', string] | ['rollbackTo', string] | ['release', string];

/** Replays a transaction's steps on a queue; returns what COMMIT would publish. */
function replay(steps: readonly Step[]): string[] {
  const q: TxQueue = newQueue();
  for (const [op, arg] of steps) {
    if (op === 'notify') q.messages.push({ channel: 'c', payload: arg });
    else if (op === 'savepoint') takeSavepoint(q, arg);
    else if (op === 'rollbackTo') rollbackToSavepoint(q, arg);
    else releaseSavepoint(q, arg);
  }
  return q.messages.map((m) => m.payload);
}

describe('a transaction queue with savepoints', () => {
  const cases: [string, Step[], string[]][] = [
    [
      'no savepoint: everything, in order',
      [
        ['notify', '1'],
        ['notify', '2'],
      ],
      ['1', '2'],
    ],
    [
      'rollback to a savepoint drops what came after it',
      [
        ['notify', '1'],
        ['savepoint', 'a'],
        ['notify', '2'],
        ['rollbackTo', 'a'],
        ['notify', '3'],
      ],
      ['1', '3'],
    ],
    [
      'the savepoint stays after a rollback to it (rolled back twice)',
      [
        ['savepoint', 'a'],
        ['notify', '1'],
        ['rollbackTo', 'a'],
        ['notify', '2'],
        ['rollbackTo', 'a'],
      ],
      [],
    ],
    [
      'release keeps the messages for the enclosing transaction',
      [
        ['savepoint', 'a'],
        ['notify', '1'],
        ['release', 'a'],
        ['notify', '2'],
      ],
      ['1', '2'],
    ],
    [
      'rollback to an outer savepoint drops the inner ones too',
      [
        ['savepoint', 'a'],
        ['notify', '1'],
        ['savepoint', 'b'],
        ['notify', '2'],
        ['rollbackTo', 'a'],
        ['rollbackTo', 'b'],
      ],
      [],
    ],
    [
      'a released inner savepoint is then rolled back with its outer one',
      [
        ['notify', '0'],
        ['savepoint', 'a'],
        ['savepoint', 'b'],
        ['notify', '1'],
        ['release', 'b'],
        ['rollbackTo', 'a'],
      ],
      ['0'],
    ],
    [
      'a repeated name means the innermost one',
      [
        ['savepoint', 'a'],
        ['notify', '1'],
        ['savepoint', 'a'],
        ['notify', '2'],
        ['rollbackTo', 'a'],
      ],
      ['1'],
    ],
    [
      'an unknown savepoint changes nothing',
      [
        ['notify', '1'],
        ['rollbackTo', 'x'],
        ['release', 'x'],
      ],
      ['1'],
    ],
  ];
  it.each(cases)('%s', (_, steps, published) => {
    expect(replay(steps)).toEqual(published);
  });
});

describe('the driver wrapper', () => {
  function setup(opts: { commitFails?: boolean } = {}) {
    const published: string[] = [];
    const bus = new Bus({ publish: (_channel, payload) => published.push(payload) });
    const conn = {} as DatabaseConnection;
    const inner = {
      beginTransaction: async () => {},
      commitTransaction: async () => {
        if (opts.commitFails) throw new Error('serialization failure');
      },
      rollbackTransaction: async () => {},
      releaseConnection: async () => {},
    } as unknown as Driver;
    return { bus, conn, driver: bus.wrapDriver(inner), published };
  }

  it('publishes a transaction’s messages after COMMIT succeeded, once', async () => {
    const { bus, conn, driver, published } = setup();
    await driver.beginTransaction(conn, {});
    bus.queue(conn, { channel: 'c', payload: 'x' });
    expect(published).toEqual([]);
    await driver.commitTransaction(conn);
    expect(published).toEqual(['x']);
    bus.queue(conn, { channel: 'c', payload: 'outside' }); // no transaction on the connection now
    expect(published).toEqual(['x', 'outside']);
  });

  it('publishes nothing after a rollback, or when COMMIT failed', async () => {
    const rolled = setup();
    await rolled.driver.beginTransaction(rolled.conn, {});
    rolled.bus.queue(rolled.conn, { channel: 'c', payload: 'x' });
    await rolled.driver.rollbackTransaction(rolled.conn);
    expect(rolled.published).toEqual([]);

    const failed = setup({ commitFails: true });
    await failed.driver.beginTransaction(failed.conn, {});
    failed.bus.queue(failed.conn, { channel: 'c', payload: 'x' });
    await expect(failed.driver.commitTransaction(failed.conn)).rejects.toThrow();
    await failed.driver.rollbackTransaction(failed.conn); // what Kysely does next
    expect(failed.published).toEqual([]);
  });

  it('a sink that throws (NATS closed) does not fail the committed transaction', async () => {
    const bus = new Bus({
      publish: () => {
        throw new Error('connection closed');
      },
    });
    const conn = {} as DatabaseConnection;
    const driver = bus.wrapDriver({
      beginTransaction: async () => {},
      commitTransaction: async () => {},
    } as unknown as Driver);
    await driver.beginTransaction(conn, {});
    bus.queue(conn, { channel: 'c', payload: 'x' });
    await expect(driver.commitTransaction(conn)).resolves.toBeUndefined();
  });
});

describe('bus subjects and stock ticks', () => {
  it('names a channel’s subject under the prefix, and refuses odd channel names', () => {
    expect(busSubject('xinren', 'live_events')).toBe('xinren.bus.live_events');
    expect(() => busSubject('xinren', 'live.events')).toThrow();
    expect(() => busSubject('xinren', '>')).toThrow();
  });

  it.each([
    [
      '[[1,2,3],[4,5,0]]',
      [
        [1, 2, 3],
        [4, 5, 0],
      ],
    ],
    ['[[1,2,3],[4,5]]', [[1, 2, 3]]],
    ['[[1,2,"3"]]', []],
    ['{"a":1}', []],
    ['not json', []],
  ])('parses stock ticks %s', (payload, ticks) => {
    expect(parseStockTicks(payload)).toEqual(ticks);
  });
});
