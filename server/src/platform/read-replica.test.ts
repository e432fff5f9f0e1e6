import { describe, expect, it } from 'vitest';
import { LagBound, ReplicaState, replicaFailure } from './read-replica.ts';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('replicaFailure: which failures of a replica query the primary answers', () => {
  it.each([
    [pgError('ECONNREFUSED'), 'down'],
    [pgError('ECONNRESET'), 'down'],
    [pgError('EPIPE'), 'down'],
    [pgError('08006'), 'down'],
    [pgError('08001'), 'down'],
    [pgError('57P01'), 'down'],
    [pgError('57P02'), 'down'],
    [pgError('57P03'), 'down'],
    [pgError('53300'), 'down'],
    [new Error('Connection terminated unexpectedly'), 'down'],
    [new Error('timeout exceeded when trying to connect'), 'down'],
    [new Error('Connection terminated due to connection timeout'), 'down'],
    [pgError('40001'), 'conflict'],
    [pgError('40P01'), 'conflict'],
    [pgError('25006'), 'conflict'],
    // the query's own mistakes are the query's: the primary would answer the same
    [pgError('42P01'), undefined],
    [pgError('23505'), undefined],
    [pgError('57014'), undefined],
    [new Error('something else'), undefined],
    ['not an error', undefined],
  ])('%s → %s', (err, failure) => {
    expect(replicaFailure(err)).toBe(failure);
  });
});

describe('ReplicaState', () => {
  const at = (t: { now: number }) => () => t.now;

  it('is not usable before its first probe, and usable once one answers', () => {
    const t = { now: 0 };
    const state = new ReplicaState(1_000, at(t));
    expect([state.usable, state.probeDue]).toEqual([false, true]);
    state.probed(10n);
    expect([state.usable, state.probeDue, state.replayLsn]).toEqual([true, false, 10n]);
  });

  it.each([
    // [replayed, asked, reached]
    [10n, 9n, true],
    [10n, 10n, true],
    [10n, 11n, false],
  ])('replayed %s, read after %s: reached %s', (replayed, asked, reached) => {
    const state = new ReplicaState(1_000);
    state.probed(replayed);
    expect(state.reached(asked)).toBe(reached);
  });

  it('has reached nothing before its first probe', () => {
    expect(new ReplicaState(1_000).reached(0n)).toBe(false);
  });

  it('never moves its replay position back (an older probe answering late)', () => {
    const state = new ReplicaState(1_000);
    state.probed(20n);
    state.probed(15n);
    expect(state.replayLsn).toBe(20n);
  });

  it('after a failure: not usable, probed again only once the pause is over', () => {
    const t = { now: 5_000 };
    const state = new ReplicaState(1_000, at(t));
    state.probed(1n);
    state.failed();
    expect([state.usable, state.probeDue]).toEqual([false, false]);
    t.now = 5_999;
    expect(state.probeDue).toBe(false);
    t.now = 6_000;
    expect(state.probeDue).toBe(true);
    state.probed(2n);
    expect(state.usable).toBe(true);
  });

  it('tells once per outage and once per return', () => {
    const changes: boolean[] = [];
    const state = new ReplicaState(0, Date.now, (up) => changes.push(up));
    state.probed(1n);
    state.probed(2n);
    state.failed();
    state.failed();
    state.probed(3n);
    expect(changes).toEqual([true, false, true]);
  });
});

describe('LagBound: a replica may not miss what the primary had written maxLagMs ago', () => {
  // the primary's positions sampled every 500 ms: 10 until t=2000, then 50 (a write)
  const samples: [number, bigint][] = [
    [0, 10n],
    [500, 10n],
    [1_000, 10n],
    [1_500, 10n],
    [2_000, 50n],
    [2_500, 50n],
    [3_000, 50n],
  ];
  it.each([
    // [now, replayed, behind]
    [800, 0n, false], // no sample 1 s old yet: nothing to hold it to
    [1_000, 9n, true], // missed what the primary had at t=0
    [1_000, 10n, false],
    [2_900, 10n, false], // the write at t=2000 is not 1 s old yet
    [3_000, 10n, true],
    [3_000, 50n, false],
    [3_000, undefined, true], // never probed while the primary wrote
  ])('at %s, replayed %s: behind %s', (now, replayed, behind) => {
    const bound = new LagBound(1_000);
    for (const [at, lsn] of samples) if (at <= now) bound.sample(at, lsn);
    expect(bound.behind(now, replayed)).toBe(behind);
  });

  it('an idle primary never makes a caught-up replica look behind, however long', () => {
    const bound = new LagBound(1_000);
    for (let at = 0; at <= 60_000; at += 500) bound.sample(at, 7n);
    expect(bound.behind(60_000, 7n)).toBe(false);
  });
});
