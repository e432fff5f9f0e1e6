import { describe, expect, it } from 'vitest';
import { markSpans } from '../../common/mark-spans.ts';
import { triageKey, waited } from './keys.ts';

const body = { tagName: 'BODY' };

describe('triage keys', () => {
  it.each([
    ['j', body, 'next'],
    ['k', body, 'previous'],
    ['a', body, 'approve'],
    ['r', body, 'reject'],
    ['?', body, 'help'],
    ['Escape', body, 'close'],
    ['x', body, null],
    ['a', { tagName: 'INPUT', type: 'text' }, null],
    ['j', { tagName: 'TEXTAREA' }, null],
    ['r', { tagName: 'SELECT' }, null],
    ['a', { tagName: 'INPUT', type: 'checkbox' }, 'approve'],
    ['a', { tagName: 'DIV', isContentEditable: true }, null],
    ['Escape', { tagName: 'TEXTAREA' }, 'close'],
  ] as const)('%s in %o → %s', (key, target, action) => {
    expect(triageKey({ key, target })).toBe(action);
  });

  it('leaves browser shortcuts alone', () => {
    expect(triageKey({ key: 'r', ctrlKey: true, target: body })).toBeNull();
  });
});

describe('waited', () => {
  it('splits the wait into days, hours and minutes', () => {
    const from = '2026-12-06T10:00:00Z';
    expect(waited(from, Date.parse('2026-12-07T13:12:30Z'))).toEqual({ days: 1, hours: 3, minutes: 12 });
    expect(waited(from, Date.parse('2026-12-06T09:00:00Z'))).toEqual({ days: 0, hours: 0, minutes: 0 });
  });
});

describe('markSpans', () => {
  it('marks the matched spans, merging overlaps', () => {
    expect(
      markSpans('全网最低价第一', [
        [2, 4],
        [3, 5],
        [5, 7],
      ]),
    ).toEqual([
      { text: '全网', marked: false },
      { text: '最低价第一', marked: true },
    ]);
    expect(markSpans('abc', [])).toEqual([{ text: 'abc', marked: false }]);
    expect(
      markSpans('abcdef', [
        [1, 2],
        [4, 9],
      ]),
    ).toEqual([
      { text: 'a', marked: false },
      { text: 'b', marked: true },
      { text: 'cd', marked: false },
      { text: 'ef', marked: true },
    ]);
  });
});
