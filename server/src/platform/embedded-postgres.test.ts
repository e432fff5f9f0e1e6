import { describe, expect, it } from 'vitest';
import { socketDirectory } from './embedded-postgres.ts';

describe('the embedded PostgreSQL socket folder', () => {
  it.each([
    ['/root/.xinren/pg', '/root/.xinren/pg'],
    ['/tmp/xinren-test-Ab12_x/data', '/tmp/xinren-test-Ab12_x/data'],
    // a socket path longer than 107 bytes cannot be bound: TCP only
    [`/tmp/${'a'.repeat(90)}`, undefined],
    // quoted into the server's options: a folder with a space or a quote stays on TCP
    ['/tmp/my data', undefined],
    ["/tmp/o'neil", undefined],
  ])('%s → %s', (pgData, expected) => {
    expect(socketDirectory(pgData)).toBe(expected);
  });
});
