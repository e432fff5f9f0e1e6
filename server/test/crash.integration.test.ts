import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { accounts, balanceOf, checkLedger } from '../src/modules/ledger/index.ts';
import { connect } from '../src/platform/db.ts';
import { exited, freePort, startServer, waitHealthy } from './server-process.ts';

const STOCK = 400;
const BUYERS = 300;
const WORKERS = 24;

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('a server killed with SIGKILL in the middle of a flash sale', () => {
  it('loses no paid order, oversells nothing, and keeps the ledger balanced after a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-crash-'));
    fs.chmodSync(dataDir, 0o755);
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const pgPort = await freePort();
    const env = { XINREN_DATA_DIR: dataDir, XINREN_PG_PORT: String(pgPort), LOG_LEVEL: 'warn' };

    const first = startServer(env, await freePort());
    cleanups.push(() => void first.child.kill('SIGKILL'));
    await waitHealthy(first);

    const handle = connect(`postgres://postgres:xinren@127.0.0.1:${pgPort}/xinren`, { max: 2 });
    cleanups.push(() => handle.close());
    const db = handle.db;
    const category = await db
      .insertInto('categories')
      .values({ name: '测试', nameEn: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const owner = await db
      .insertInto('users')
      .values({ kind: 'merchant', login: 'crash-merchant', displayName: 'm', phone: null, passwordHash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const shop = await db
      .insertInto('shops')
      .values({
        name: '秒杀店',
        type: 'enterprise',
        ownerUserId: owner.id,
        mainCategoryId: category.id,
        state: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const product = await db
      .insertInto('products')
      .values({
        shopId: shop.id,
        categoryId: category.id,
        brandId: null,
        title: '秒杀商品',
        imageUrl: null,
        state: 'listed',
        qualificationNo: null,
        creatorCommissionBp: null,
        stateReason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sku = await db
      .insertInto('skus')
      .values({ productId: product.id, code: 'HOT', priceFen: 9_900, stock: STOCK, purchaseLimit: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const buyers = await db
      .insertInto('users')
      .values(
        Array.from({ length: BUYERS }, (_, i) => ({
          kind: 'buyer' as const,
          login: `crash-b${i}`,
          displayName: 'b',
          phone: null,
          passwordHash: 'x',
        })),
      )
      .returning('id')
      .execute();
    // a checkout is delivered somewhere (product rules §9): each buyer's default address
    await db
      .insertInto('buyerAddresses')
      .values(
        buyers.map((b) => ({
          buyerId: b.id,
          recipient: '买家',
          phone: '13812341234',
          regionCode: '330106',
          detail: '文三路 100 号',
          isDefault: true,
        })),
      )
      .execute();
    const tokens = buyers.map(() => `xr_${randomBytes(24).toString('base64url')}`);
    await db
      .insertInto('authTokens')
      .values(
        buyers.map((b, i) => ({
          userId: b.id,
          tokenHash: createHash('sha256').update(tokens[i]!).digest(),
          expiresAt: new Date(Date.now() + 86_400_000),
          revokedAt: null,
        })),
      )
      .execute();

    // Buyers hammer the hot SKU; the server is killed while requests are in flight.
    const acknowledged: number[] = []; // order ids the buyers were told are paid
    const unknown: { token: string; key: string }[] = [];
    let stop = false;
    let seq = 0;
    const checkout = (port: number, token: string, key: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/checkout`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({ items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } }),
      });
    const worker = async () => {
      while (!stop) {
        const token = tokens[seq++ % tokens.length]!;
        const key = `crash-${seq}-${randomBytes(3).toString('hex')}`;
        try {
          const res = await checkout(first.port, token, key);
          const body = (await res.json()) as { orders?: { id: number }[]; payment?: { state: string } };
          if (res.status === 201 && body.payment?.state === 'succeeded')
            acknowledged.push(body.orders![0]!.id);
          // An answer that says nothing of the outcome is retried, like a lost one.
          if (res.status >= 500) unknown.push({ token, key });
        } catch {
          unknown.push({ token, key });
          return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, worker));
    const killAt = Date.now() + 20_000;
    while (acknowledged.length < 60 && Date.now() < killAt) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await exited(first.child);
    stop = true;
    await load;
    expect(acknowledged.length).toBeGreaterThan(0);

    const second = startServer(env, await freePort());
    cleanups.push(() => void second.child.kill('SIGKILL'));
    await waitHealthy(second);

    // Every order a buyer was told is paid is paid.
    const paid = await db
      .selectFrom('orders')
      .select(['id', 'state'])
      .where('id', 'in', acknowledged)
      .execute();
    expect(paid).toHaveLength(acknowledged.length);
    expect(paid.every((o) => o.state === 'paid')).toBe(true);

    // Requests cut off by the crash, retried with their keys, never make a second order, and those
    // whose checkout committed before the kill (orders waiting, payment started, answer lost) are
    // finished by the retry: paid, not left holding stock until the unpaid deadline.
    const inFlight = await sql<{ n: number }>`
      select count(*)::int as n from payments where state = 'pending'`.execute(db);
    // Only a lost answer leaves a payment started and not confirmed.
    expect(inFlight.rows[0]!.n).toBeLessThanOrEqual(unknown.length);
    for (const { token, key } of unknown) {
      const res = await checkout(second.port, token, key);
      expect([201, 409]).toContain(res.status);
      const body = (await res.json()) as { orders?: { state: string }[]; payment?: { state: string } };
      if (res.status === 201) {
        expect(body.payment?.state).toBe('succeeded');
        expect(body.orders!.every((o) => o.state === 'paid')).toBe(true);
      }
    }
    const waiting = await sql<{ orders: number; payments: number }>`
      select (select count(*)::int from orders where state = 'pending_payment') as orders,
             (select count(*)::int from payments where state = 'pending') as payments`.execute(db);
    expect(waiting.rows[0]).toEqual({ orders: 0, payments: 0 });

    // Every order group is the stored answer of exactly one checkout key: none orphaned, none twice.
    const groups = await sql<{ orphans: number; shared: number }>`
      select (select count(*)::int from order_groups g
              where not exists (select 1 from idempotency_keys k where (k.response ->> 'groupId')::bigint = g.id)) as orphans,
             (select count(*)::int from (select k.response ->> 'groupId' from idempotency_keys k
              where k.response ? 'groupId' group by 1 having count(*) > 1) d) as shared`.execute(db);
    expect(groups.rows[0]).toEqual({ orphans: 0, shared: 0 });

    // Stock: what is left plus what live orders hold is exactly what there was.
    const held = await sql<{ n: number }>`
      select coalesce(sum(l.quantity), 0)::int as n from order_lines l join orders o on o.id = l.order_id
      where o.state <> 'cancelled'`.execute(db);
    const left = await db
      .selectFrom('skus')
      .select('stock')
      .where('id', '=', sku.id)
      .executeTakeFirstOrThrow();
    expect(left.stock).toBeGreaterThanOrEqual(0);
    expect(left.stock + held.rows[0]!.n).toBe(STOCK);

    // Money: escrow holds exactly what paid orders cost, and every entry balances.
    const paidTotal = await sql<{
      n: number;
    }>`select coalesce(sum(total_fen), 0)::bigint as n from orders where state = 'paid'`.execute(db);
    expect(await balanceOf(db, accounts.escrow)).toBe(Number(paidTotal.rows[0]!.n));
    const report = await checkLedger(db);
    expect(report.ok, JSON.stringify(report)).toBe(true);

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  }, 240_000);
});
