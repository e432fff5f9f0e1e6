import { describe, expect, it } from 'vitest';
import { CommitPosition, createXinrenClient, parseLsn } from '../src/index.ts';

describe('parseLsn', () => {
  it.each([
    ['0/16B3748', 0x16b3748n],
    ['16/B374D848', (0x16n << 32n) | 0xb374d848n],
    ['', undefined],
    ['16', undefined],
    ['x/1', undefined],
    ['100000000/0', undefined],
    [null, undefined],
  ])('%j → %s', (text, lsn) => {
    expect(parseLsn(text)).toBe(lsn);
  });
});

describe('CommitPosition keeps the highest position seen', () => {
  it.each([
    [[], undefined],
    [['0/A'], '0/A'],
    [['0/A', '0/9'], '0/A'],
    // numeric, not textual: 10/0 is after 9/FF
    [['9/FF', '10/0'], '10/0'],
    [['0/A', 'junk', null], '0/A'],
  ])('%j → %s', (headers, readAfter) => {
    const position = new CommitPosition();
    for (const h of headers) position.seen(h);
    expect(position.readAfter).toBe(readAfter);
  });
});

describe('the client echoes the commit position', () => {
  it('sends the last write’s X-Xinren-Commit-Lsn as X-Xinren-Read-After, also from its withToken copies', async () => {
    const sent: (string | null)[] = [];
    const fetch = async (request: Request) => {
      sent.push(request.headers.get('x-xinren-read-after'));
      const headers = new Headers({ 'content-type': 'application/json' });
      if (request.method !== 'GET') headers.set('x-xinren-commit-lsn', '0/3000060');
      return new Response('{}', { status: 200, headers });
    };
    const client = createXinrenClient({ baseUrl: 'http://x.test', token: 't', fetch });
    await client.raw.GET('/api/v1/me' as never);
    await client.raw.POST('/api/v1/auth/logout' as never);
    await client.raw.GET('/api/v1/me' as never);
    await client.withToken('u').raw.GET('/api/v1/me' as never);
    expect(sent).toEqual([null, null, '0/3000060', '0/3000060']);
  });
});
