import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSender, type DnsLookupAll, privateNetworkGuardedLookup } from './http-sender.ts';

/** A resolver answering from a table (no network). */
const fakeDns =
  (table: Record<string, string[]>): DnsLookupAll =>
  (hostname, _options, callback) => {
    const addresses = table[hostname];
    if (!addresses) {
      const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      err.code = 'ENOTFOUND';
      return callback(err, []);
    }
    callback(
      null,
      addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };

function lookupOf(table: Record<string, string[]>, hostname: string, all: boolean) {
  return new Promise<{ err: Error | null; result: unknown }>((resolve) =>
    privateNetworkGuardedLookup(fakeDns(table))(hostname, { all }, (err, address, family) =>
      resolve({ err, result: all ? address : [address, family] }),
    ),
  );
}

describe('the private-network guarded lookup', () => {
  const table = {
    'erp.example.com': ['203.0.113.10', '2001:db8::10'],
    'rebind.example.com': ['127.0.0.1'],
    'metadata.example.com': ['169.254.169.254'],
    'mixed.example.com': ['203.0.113.10', '10.0.0.5'],
    'v6local.example.com': ['fd00::1'],
    'mapped.example.com': ['::ffff:192.168.0.1'],
  };

  it.each([
    ['rebind.example.com', '127.0.0.1'],
    ['metadata.example.com', '169.254.169.254'],
    ['mixed.example.com', '10.0.0.5'],
    ['v6local.example.com', 'fd00::1'],
    ['mapped.example.com', '::ffff:192.168.0.1'],
  ])('refuses %s (resolves to %s)', async (hostname, address) => {
    for (const all of [false, true]) {
      const { err } = await lookupOf(table, hostname, all);
      expect(err?.message).toBe(`refused: private network address (${hostname} resolves to ${address})`);
    }
  });

  it('passes public addresses on, one or all as asked', async () => {
    expect(await lookupOf(table, 'erp.example.com', false)).toEqual({
      err: null,
      result: ['203.0.113.10', 4],
    });
    expect((await lookupOf(table, 'erp.example.com', true)).result).toEqual([
      { address: '203.0.113.10', family: 4 },
      { address: '2001:db8::10', family: 6 },
    ]);
  });

  it("passes the resolver's error on", async () => {
    const { err } = await lookupOf(table, 'nowhere.example.com', false);
    expect((err as NodeJS.ErrnoException).code).toBe('ENOTFOUND');
  });
});

describe('a sender with private networks denied', () => {
  let server: http.Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const table = { 'rebind.example.com': ['127.0.0.1'], 'public.example.com': ['127.0.0.1'] };

  it('does not connect to a name resolving to a private address, nor to a literal private IP', async () => {
    const send = createHttpSender({ allowPrivateNetworks: false, resolve: fakeDns(table) });
    for (const url of [
      `http://rebind.example.com:${port}/hook`,
      `http://127.0.0.1:${port}/hook`,
      `http://[::1]:${port}/hook`,
    ]) {
      const outcome = await send(url, {}, '{}', 2_000);
      expect(outcome.statusCode, url).toBeNull();
      expect(outcome.error, url).toMatch(/^refused: private network address \(/);
    }
    expect(hits).toBe(0);
  });

  it('connects when private networks are allowed', async () => {
    const send = createHttpSender({ allowPrivateNetworks: true });
    const outcome = await send(`http://127.0.0.1:${port}/hook`, {}, '{}', 2_000);
    expect(outcome).toMatchObject({ statusCode: 200, error: null, responseExcerpt: 'ok' });
    expect(hits).toBe(1);
  });
});
