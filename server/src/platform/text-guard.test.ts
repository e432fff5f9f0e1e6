import { describe, expect, it } from 'vitest';
import { badTextReason, findBadText, NUL_REASON, SURROGATE_REASON } from './text-guard.ts';

describe('text PostgreSQL can store', () => {
  it.each([
    ['plain', undefined],
    ['中文 and emoji 😀', undefined],
    ['', undefined],
    ['a\u0000b', NUL_REASON],
    ['\u0000', NUL_REASON],
    ['x\ud800', SURROGATE_REASON],
    ['\udc00x', SURROGATE_REASON],
    ['\ude00\ud83d', SURROGATE_REASON],
    ['\ud83d\ude00', undefined],
  ])('%j → %s', (text, reason) => {
    expect(badTextReason(text)).toBe(reason);
  });
});

describe('finding bad text in a request part', () => {
  it('names nested fields as validation errors do', () => {
    expect(
      findBadText({ login: 'a\u0000', items: [{ note: 'ok' }, { note: '\ud800' }], n: 3, ok: true }),
    ).toEqual([
      { field: 'login', reason: NUL_REASON },
      { field: 'items.1.note', reason: SURROGATE_REASON },
    ]);
  });

  it('checks object keys and names the key readably', () => {
    expect(findBadText({ details: { 'k\u0000': 1 } })).toEqual([{ field: 'details.k?', reason: NUL_REASON }]);
  });

  it('names a bare string by the part it came in', () => {
    expect(findBadText('a\u0000', 'body')).toEqual([{ field: 'body', reason: NUL_REASON }]);
  });

  it('skips buffers (file uploads are not text)', () => {
    expect(findBadText(Buffer.from([0, 0xed, 0xa0, 0x80]))).toEqual([]);
    expect(findBadText(null)).toEqual([]);
  });

  it('walks objects of any prototype (query strings are parsed into such)', () => {
    const Query = function (this: object) {} as unknown as new () => Record<string, string>;
    Query.prototype = Object.create(null);
    const query = new Query();
    query.q = '\u0000';
    expect(findBadText(query)).toEqual([{ field: 'q', reason: NUL_REASON }]);
  });
});
