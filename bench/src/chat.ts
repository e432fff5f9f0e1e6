// Chat (issue 16, product rules §8.1): two server processes share one database; 2,000 buyers and
// the agents of 200 shops hold server-sent-event streams on both; buyers and agents post 200
// messages a second through both. Part A measures how long a message takes from the POST to the
// counterpart's stream (gate, commit, NOTIFY, fan-out on the other process). Part B stores
// 1,000,000 messages and measures the workstation's inbox (GET /shops/:id/chat/inbox) of the
// biggest shops. `npm run bench:chat`; the last line is a JSON summary.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { connect, type Db } from '../../server/src/platform/db.ts';
import { buyersWithTokens, tokensFor } from './lib/buyers.ts';
import { openEventStream } from './lib/event-stream.ts';
import { type ServerProcess, startServerProcess } from './lib/server-process.ts';
import { percentile, round } from './lib/stats.ts';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 2_000);
const SHOPS = Number(process.env.BENCH_SHOPS ?? 200);
// the target rate, then lighter ones for reference (the latency when the processes are not saturated)
const RATES = (process.env.BENCH_MESSAGE_RATES ?? '200,50,20').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const STORED = Number(process.env.BENCH_STORED_MESSAGES ?? 1_000_000);
const BIG_SHOPS = 10;
const MESSAGES_PER_CONVERSATION = 50;
const INBOX_REQUESTS = Number(process.env.BENCH_INBOX_REQUESTS ?? 600);
const quiet = process.env.BENCH_QUIET === '1';
const log = (line: string) => {
  if (!quiet) console.log(line);
};

interface World {
  shops: { id: number; token: string }[];
  buyers: { id: number; token: string }[];
  /** conversation i: buyer i with shop i % SHOPS */
  conversations: number[];
}

async function seed(db: Db): Promise<World> {
  const category = await db
    .insertInto('categories')
    .values({ name: '客服压测类目', nameEn: 'chat bench', commissionBp: 500, depositFen: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const owners = await db
    .insertInto('users')
    .values(
      Array.from({ length: SHOPS }, (_, i) => ({
        kind: 'merchant' as const,
        login: `chat-bench-m${i}`,
        displayName: `店主${i}`,
        phone: null,
        passwordHash: 'bench-no-login',
      })),
    )
    .returning('id')
    .execute();
  const shops = await db
    .insertInto('shops')
    .values(
      owners.map((o, i) => ({
        name: `客服压测店铺${i}`,
        type: 'enterprise' as const,
        ownerUserId: o.id,
        mainCategoryId: category.id,
        state: 'active' as const,
      })),
    )
    .returning(['id', 'ownerUserId'])
    .execute();
  await db
    .insertInto('shopMembers')
    .values(shops.map((s) => ({ shopId: s.id, userId: s.ownerUserId, role: 'owner' as const })))
    .execute();
  const ownerTokens = await tokensFor(
    db,
    shops.map((s) => s.ownerUserId),
  );
  const { ids, tokens } = await buyersWithTokens(db, CONVERSATIONS, {
    login: 'chat-bench-b',
    display: '买家',
  });
  const now = new Date();
  // Each conversation is being served by its shop's owner (no bot in the way of the measurement).
  const { rows } = await sql<{ id: number }>`
    with c as (
      insert into chat_conversations (shop_id, buyer_id, last_message_at, created_at)
      select (${sql.val(shops.map((s) => s.id))}::bigint[])[1 + (n - 1) % ${SHOPS}], b, ${now}, ${now}
      from unnest(${ids}::bigint[]) with ordinality as v(b, n)
      returning id, shop_id, buyer_id)
    , s as (
      insert into chat_sessions (conversation_id, shop_id, buyer_id, state, agent_id, started_at, handed_off_at)
      select c.id, c.shop_id, c.buyer_id, 'serving', sh.owner_user_id, ${now}, ${now}
      from c join shops sh on sh.id = c.shop_id
      returning conversation_id)
    select c.id from c order by c.buyer_id`.execute(db);
  return {
    shops: shops.map((s, i) => ({ id: s.id, token: ownerTokens[i]! })),
    buyers: ids.map((id, i) => ({ id, token: tokens[i]! })),
    conversations: rows.map((r) => r.id),
  };
}

/** A chat stream: `onMessage(sender, text, at)` for every message event after the snapshot. */
function openStream(
  pool: Pool,
  path: string,
  token: string,
  onMessage: (sender: string, text: string, at: number) => void,
): Promise<{ close(): void }> {
  return openEventStream(
    pool,
    path,
    (name, data, at) => {
      if (name !== 'message') return;
      const { message } = data as { message: { sender: string; text: string } };
      onMessage(message.sender, message.text, at);
    },
    token,
  );
}

async function partA(servers: ServerProcess[], world: World) {
  const streamsPerProcess = Math.ceil((CONVERSATIONS + SHOPS) / servers.length) + 64;
  const pools = servers.map(
    (s) =>
      new Pool(s.baseUrl, {
        connections: streamsPerProcess,
        pipelining: 0,
        bodyTimeout: 0,
        headersTimeout: 0,
      }),
  );
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const onMessage = (side: 'buyer' | 'shop') => (sender: string, text: string, at: number) => {
    // the counterpart's stream: a buyer hears the agent, the shop hears the buyer
    if ((side === 'buyer') === (sender === 'buyer')) return;
    const sent = sentAt.get(text);
    if (sent === undefined) return;
    sentAt.delete(text);
    latencies.push(at - sent);
  };
  const opened = performance.now();
  const streams: { close(): void }[] = [];
  const targets = [
    ...world.buyers.map((b, i) => ({
      pool: pools[i % pools.length]!,
      path: '/api/v1/chat/stream',
      token: b.token,
      side: 'buyer' as const,
    })),
    // a shop's agents on the other process than most of its buyers
    ...world.shops.map((s, i) => ({
      pool: pools[(i + 1) % pools.length]!,
      path: `/api/v1/shops/${s.id}/chat/stream`,
      token: s.token,
      side: 'shop' as const,
    })),
  ];
  for (let i = 0; i < targets.length; i += 100) {
    const batch = targets
      .slice(i, i + 100)
      .map((t) => openStream(t.pool, t.path, t.token, onMessage(t.side)));
    streams.push(...(await Promise.all(batch)));
  }
  log(`  ${streams.length} streams open in ${round((performance.now() - opened) / 1000)} s`);

  let postLatencies: number[] = [];
  let refused = 0;
  let held = 0;
  /** `count` messages at `rate` a second, alternately from a buyer and the agent; measured when `measure`. */
  const blast = async (rate: number, count: number, offset: number, measure: boolean) => {
    const posts: Promise<void>[] = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const n = offset + i;
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const c = (n * 7919) % CONVERSATIONS;
      const fromBuyer = n % 2 === 0;
      const token = fromBuyer ? world.buyers[c]!.token : world.shops[c % SHOPS]!.token;
      // posted through the process the counterpart's stream is not on
      const pool = pools[fromBuyer ? c % pools.length : (c + 1) % pools.length]!;
      const text = fromBuyer ? `买家第${n}条：请问什么时候发货？` : `客服第${n}条：今天下午发货`;
      const sent = performance.now();
      if (measure) sentAt.set(text, sent);
      posts.push(
        pool
          .request({
            method: 'POST',
            path: `/api/v1/chat/conversations/${world.conversations[c]}/messages`,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ kind: 'text', text }),
          })
          .then(async (res) => {
            const body = (await res.body.json()) as { held?: boolean };
            if (!measure) return;
            postLatencies.push(performance.now() - sent);
            if (res.statusCode !== 201) {
              refused++;
              sentAt.delete(text);
            } else if (body.held) {
              held++;
              sentAt.delete(text);
            }
          }),
      );
    }
    const sending = (performance.now() - started) / 1000;
    await Promise.all(posts);
    return { sending, answered: (performance.now() - started) / 1000 };
  };
  // warm-up (the processes' first screenings and plans), not measured
  let offset = 0;
  await blast(RATES[0]!, RATES[0]! * 2, offset, false);
  offset += RATES[0]! * 2;
  const steps = [];
  for (const rate of RATES) {
    latencies.length = 0;
    postLatencies = [];
    refused = 0;
    held = 0;
    const total = rate * SECONDS;
    const { sending, answered } = await blast(rate, total, offset, true);
    offset += total;
    const settleBy = performance.now() + 10_000;
    while (sentAt.size > 0 && performance.now() < settleBy) await new Promise((r) => setTimeout(r, 50));
    const lost = sentAt.size;
    sentAt.clear();
    latencies.sort((a, b) => a - b);
    postLatencies.sort((a, b) => a - b);
    const step = {
      ratePerSec: rate,
      messages: total,
      // how fast the load generator sent them, and how fast the servers answered them all
      sentPerSec: round(total / sending),
      answeredPerSec: round(total / answered),
      delivered: latencies.length,
      refused,
      held,
      lost,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(latencies.at(-1) ?? 0),
      postP50Ms: round(percentile(postLatencies, 50)),
      postP99Ms: round(percentile(postLatencies, 99)),
    };
    steps.push(step);
    log(
      `part A at ${rate}/s: ${step.messages} messages (sent at ${step.sentPerSec}/s, all answered at ${step.answeredPerSec}/s), ${step.delivered} delivered, ` +
        `${step.lost} lost, ${step.refused} refused, ${step.held} held; message → counterpart p50 ${step.p50Ms} ms, ` +
        `p99 ${step.p99Ms} ms, max ${step.maxMs} ms; POST p50 ${step.postP50Ms} ms, p99 ${step.postP99Ms} ms`,
    );
  }
  for (const s of streams) s.close();
  await Promise.all(pools.map((p) => p.destroy()));
  return { conversations: CONVERSATIONS, streams: streams.length, steps };
}

/**
 * 1,000,000 stored messages: the biggest shops get 2,000 more conversations each, 50 messages in each
 * (what is left of the million goes to the part A conversations); a quarter of their sessions wait
 * for a person, a quarter are served by the owner, the rest are closed.
 */
async function storeMessages(db: Db, world: World): Promise<number> {
  const big = world.shops.slice(0, BIG_SHOPS).map((s) => s.id);
  const perShop = Math.floor(STORED / MESSAGES_PER_CONVERSATION / BIG_SHOPS);
  const now = Date.now();
  await sql`
    insert into users (kind, login, display_name, password_hash)
    select 'buyer', 'chat-bench-x' || n, '老客' || n, 'bench-no-login'
    from generate_series(1, ${perShop * BIG_SHOPS}) n`.execute(db);
  await sql`
    insert into chat_conversations (shop_id, buyer_id, last_message_at, created_at, shop_unread, waiting_since)
    select (${sql.val(big)}::bigint[])[1 + (n - 1) % ${BIG_SHOPS}], u.id,
      to_timestamp(${now / 1000}) - (n || ' seconds')::interval, to_timestamp(${now / 1000}) - interval '30 days',
      n % 5, case when n % 4 = 0 then to_timestamp(${now / 1000}) - ((n % 3600) || ' seconds')::interval end
    from users u join lateral (select substr(u.login, 13)::int as n) x on true
    where u.login like 'chat-bench-x%'`.execute(db);
  await sql`
    insert into chat_sessions (conversation_id, shop_id, buyer_id, state, agent_id, started_at, handed_off_at, closed_at, close_reason)
    select c.id, c.shop_id, c.buyer_id,
      case when q = 0 then 'queued' when q = 1 then 'serving' else 'closed' end,
      case when q = 1 then sh.owner_user_id end,
      c.created_at, c.created_at,
      case when q >= 2 then c.last_message_at end,
      case when q >= 2 then 'agent' end
    from chat_conversations c join shops sh on sh.id = c.shop_id
      cross join lateral (select abs(hashint8(c.id)) % 4 as q) h
    where c.shop_id = any(${sql.val(big)}::bigint[]) and not exists (select 1 from chat_sessions s where s.conversation_id = c.id)`.execute(
    db,
  );
  const started = performance.now();
  // 50 messages per conversation, alternating buyer and agent, one statement per shop
  for (const shopId of big) {
    await sql`
      insert into chat_messages (conversation_id, sender, sender_id, kind, text, created_at)
      select c.id, case when k % 2 = 0 then 'buyer' else 'agent' end,
        case when k % 2 = 0 then c.buyer_id end, 'text',
        case when k % 2 = 0 then '请问这个什么时候能发货？第' || k || '条' else '亲，今天下午四点前发出哦' end,
        c.last_message_at - ((${MESSAGES_PER_CONVERSATION} - k) || ' minutes')::interval
      from chat_conversations c cross join generate_series(1, ${MESSAGES_PER_CONVERSATION}) k
      where c.shop_id = ${shopId} and c.created_at < to_timestamp(${now / 1000}) - interval '1 day'`.execute(
      db,
    );
  }
  await sql`
    update chat_conversations c set last_message_id = m.id
    from (select conversation_id, max(id) as id from chat_messages group by conversation_id) m
    where m.conversation_id = c.id`.execute(db);
  await sql`analyze`.execute(db);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from chat_messages`.execute(db);
  log(`  stored ${rows[0]!.n} messages in ${round((performance.now() - started) / 1000)} s`);
  return rows[0]!.n;
}

async function partB(servers: ServerProcess[], world: World) {
  const pools = servers.map((s) => new Pool(s.baseUrl, { connections: 8 }));
  const big = world.shops.slice(0, BIG_SHOPS);
  const result: Record<string, { p50Ms: number; p99Ms: number; items: number }> = {};
  for (const status of ['waiting', 'mine', 'all'] as const) {
    // warm-up: each shop's page once on each process
    for (const shop of big)
      for (const pool of pools) {
        const res = await pool.request({
          method: 'GET',
          path: `/api/v1/shops/${shop.id}/chat/inbox?status=${status}`,
          headers: { authorization: `Bearer ${shop.token}` },
        });
        await res.body.dump();
      }
    const times: number[] = [];
    let items = 0;
    let n = 0;
    const worker = async () => {
      while (n < INBOX_REQUESTS) {
        const i = n++;
        const shop = big[i % big.length]!;
        const started = performance.now();
        const res = await pools[i % pools.length]!.request({
          method: 'GET',
          path: `/api/v1/shops/${shop.id}/chat/inbox?status=${status}`,
          headers: { authorization: `Bearer ${shop.token}` },
        });
        const body = (await res.body.json()) as { items?: unknown[] };
        if (res.statusCode !== 200) throw new Error(`inbox: ${res.statusCode} ${JSON.stringify(body)}`);
        times.push(performance.now() - started);
        items = body.items?.length ?? 0;
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    times.sort((a, b) => a - b);
    result[status] = { p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), items };
    log(
      `  inbox ${status}: p50 ${result[status].p50Ms} ms, p99 ${result[status].p99Ms} ms (${items} items a page)`,
    );
  }
  await Promise.all(pools.map((p) => p.destroy()));
  return result;
}

async function main() {
  log(
    `chat: ${os.cpus().length} cores, 2 server processes on one embedded PostgreSQL, ${CONVERSATIONS} conversations ` +
      `of ${SHOPS} shops, ${RATES.join(' then ')} messages/s for ${SECONDS} s each; then ${STORED} stored messages and the inbox`,
  );
  const a = await startServerProcess();
  const b = await startServerProcess({ DATABASE_URL: a.databaseUrl, XINREN_DEADLINES: 'off' });
  const handle = connect(a.databaseUrl, { max: 4 });
  try {
    const world = await seed(handle.db);
    const live = await partA([a, b], world);
    const stored = await storeMessages(handle.db, world);
    const inbox = await partB([a, b], world);
    console.log(
      JSON.stringify({
        benchmark: 'chat',
        cores: os.cpus().length,
        partA: { ...live, targetP99Ms: 100 },
        partB: {
          storedMessages: stored,
          conversationsPerBigShop: STORED / MESSAGES_PER_CONVERSATION / BIG_SHOPS,
          inbox,
          targetP99Ms: 50,
        },
      }),
    );
  } finally {
    await handle.close();
    await b.stop();
    await a.stop();
  }
}

await main();
