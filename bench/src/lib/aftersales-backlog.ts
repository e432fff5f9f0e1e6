// A backlog of after-sales requests whose deadlines have passed, written in bulk SQL, for the
// after-sales deadline benchmark (bench/src/aftersales.bench.ts, part B). Ids are chosen (request id
// = order id = line id = payment id = g), so every row of request g is found without a lookup.
import { type RawBuilder, sql } from 'kysely';
import { currentPolicy } from '../../../server/src/modules/configuration/index.ts';
import { accounts, postEntry } from '../../../server/src/modules/ledger/index.ts';
import type { Db } from '../../../server/src/platform/db.ts';

export const REQUEST_DEADLINE = 'aftersales.request_deadline';

/** The due state of a request and what its deadline does; one slot of ten each. */
export type Mix = 'refund_only_pending' | 'return_pending' | 'return_awaiting';

/** Of every ten requests: 5 refund-only waiting for the merchant, 3 returns waiting, 2 returns approved. */
const SLOTS: readonly Mix[] = [
  'refund_only_pending',
  'refund_only_pending',
  'refund_only_pending',
  'refund_only_pending',
  'refund_only_pending',
  'return_pending',
  'return_pending',
  'return_pending',
  'return_awaiting',
  'return_awaiting',
];

export const MIX_SHARE: Record<Mix, number> = {
  refund_only_pending: 0.5,
  return_pending: 0.3,
  return_awaiting: 0.2,
};

/** The mix slot of request `id` in a backlog of runs of `perRun` requests each. */
export function mixOf(id: number, perRun: number): Mix {
  return SLOTS[((id - 1) % perRun) % 10]!;
}

export interface BacklogShape {
  /** Requests per run; `runs` such blocks are written, armed one run at a time. */
  perRun: number;
  runs: number;
  shops: number;
  buyers: number;
}

export interface Backlog {
  shape: BacklogShape;
  /** Fen moved into escrow for the orders (their captures). */
  escrowFen: number;
  /** Ids of the requests of run `run` (1-based): [first, last]. */
  range(run: number): [number, number];
}

/**
 * Writes `perRun × runs` paid, delivered orders (one line each, one succeeded payment each), escrow
 * holding their money, and one after-sales request per order whose deadline passed up to an hour ago:
 * refund-only and returns waiting for the merchant (default action: approve), returns approved whose
 * buyer never shipped (default action: close). The deadline rows are written per run by `arm`.
 */
export async function writeBacklog(db: Db, shape: BacklogShape): Promise<Backlog> {
  const total = shape.perRun * shape.runs;
  const { version } = await currentPolicy(db);
  const category = await db
    .insertInto('categories')
    .values({
      name: '售后压测类目',
      nameEn: 'after-sales bench',
      commissionBp: 500,
      depositFen: 0,
      defaultGuarantees: ['no_reason_7d'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`
    insert into users (kind, login, display_name, password_hash)
    select 'merchant', 'as-bench-m' || g, 'm' || g, 'bench-no-login' from generate_series(1, ${shape.shops}) g`.execute(
    db,
  );
  await sql`
    insert into shops (name, type, state, owner_user_id, main_category_id)
    select '售后压测店铺' || id, 'enterprise', 'active', id, ${category.id}
    from users where login like 'as-bench-m%' order by id`.execute(db);
  await sql`
    insert into products (shop_id, category_id, title, state)
    select id, ${category.id}, '压测商品' || id, 'listed' from shops order by id`.execute(db);
  // prices from ¥19 to ¥409: the mix of an ordinary catalogue
  await sql`
    insert into skus (product_id, code, spec, price_fen, stock)
    select id, 'S' || id, '默认', 1900 + (id % 40) * 1000, 1000000 from products order by id`.execute(db);
  await sql`
    insert into users (kind, login, display_name, password_hash)
    select 'buyer', 'as-bench-b' || g, 'b' || g, 'bench-no-login' from generate_series(1, ${shape.buyers}) g`.execute(
    db,
  );

  await sql`
    create unlogged table bench_shops as
    select (row_number() over (order by s.id) - 1)::int as idx, s.id as shop_id, p.id as product_id,
           k.id as sku_id, k.price_fen
    from shops s join products p on p.shop_id = s.id join skus k on k.product_id = p.id`.execute(db);
  await sql`
    create unlogged table bench_buyers as
    select (row_number() over (order by id) - 1)::int as idx, id as buyer_id
    from users where login like 'as-bench-b%'`.execute(db);
  // g: the request (and its order, line, payment). Shops are scattered over the ids, so a batch of
  // due deadlines touches many shops, as a platform-wide backlog does.
  await sql`
    create unlogged table bench_plan as
    select g, ((g - 1) % ${shape.perRun}) % 10 as slot, s.shop_id, s.product_id, s.sku_id, s.price_fen, b.buyer_id,
           date_trunc('second', now()) - interval '1 minute' - ((g::bigint * 37) % 3600) * interval '1 second' as due_at
    from generate_series(1, ${total}::int) g
    join bench_shops s on s.idx = (g::bigint * 7919) % ${shape.shops}
    join bench_buyers b on b.idx = g % ${shape.buyers}`.execute(db);
  await sql`alter table bench_plan add primary key (g)`.execute(db);
  // when the request entered its due state: 48 h before an approve deadline, 7 days before a close
  await sql`
    alter table bench_plan add column entered_at timestamptz, add column opened_at timestamptz`.execute(db);
  await sql`
    update bench_plan set
      entered_at = case when slot < 8 then due_at - interval '48 hours' else due_at - interval '7 days' end,
      opened_at = case when slot < 8 then due_at - interval '48 hours' else due_at - interval '7 days 20 hours' end`.execute(
    db,
  );

  await sql`
    insert into order_groups (id, buyer_id, total_fen, created_at) overriding system value
    select g, buyer_id, price_fen, opened_at - interval '4 days' from bench_plan`.execute(db);
  await sql`
    insert into orders (id, group_id, buyer_id, shop_id, state, items_fen, total_fen, payment_due_at, paid_at,
                        ship_by_at, shipped_at, delivered_at, created_at, updated_at) overriding system value
    select g, g, buyer_id, shop_id, 'delivered', price_fen, price_fen,
           opened_at - interval '4 days' + interval '15 minutes', opened_at - interval '4 days' + interval '1 minute',
           opened_at - interval '2 days' + interval '1 minute', opened_at - interval '3 days',
           opened_at - interval '1 day', opened_at - interval '4 days', opened_at - interval '1 day'
    from bench_plan`.execute(db);
  await sql`
    insert into order_lines (id, order_id, sku_id, product_id, title, spec, unit_price_fen, quantity, line_fen,
                             platform_commission_bp, guarantees, paid_fen) overriding system value
    select g, g, sku_id, product_id, '压测商品' || product_id, '默认', price_fen, 1, price_fen, 500, '{no_reason_7d}',
           price_fen
    from bench_plan`.execute(db);
  await sql`
    insert into payments (id, group_id, buyer_id, amount_fen, provider, state, provider_ref, created_at, completed_at)
    overriding system value
    select g, g, buyer_id, price_fen, 'sandbox', 'succeeded', 'sandbox-pay-' || g,
           opened_at - interval '4 days', opened_at - interval '4 days' + interval '1 minute'
    from bench_plan`.execute(db);
  await sql`insert into payment_orders (payment_id, order_id) select g, g from bench_plan`.execute(db);

  await sql`
    insert into aftersales_requests (id, order_id, order_line_id, buyer_id, shop_id, type, reason, quantity,
      requested_fen, state, deadline_at, deadline_action, attempt, config_version, created_at, updated_at)
    overriding system value
    select g, g, g, buyer_id, shop_id,
           case when slot < 5 then 'refund_only' else 'return_refund' end,
           case when slot < 5 then 'quality_issue' else 'no_reason' end,
           1, price_fen,
           case when slot < 8 then 'pending_merchant' else 'awaiting_return' end,
           due_at, case when slot < 8 then 'approve' else 'close' end, 1, ${version}, opened_at, entered_at
    from bench_plan`.execute(db);
  await sql`
    insert into aftersales_events (request_id, from_state, to_state, actor_kind, actor_id, explanation_zh, explanation_en, at)
    select g, null, 'pending_merchant', 'buyer', buyer_id, '买家发起售后申请', 'The buyer opened a request', opened_at
    from bench_plan order by g`.execute(db);
  await sql`
    insert into aftersales_events (request_id, from_state, to_state, actor_kind, actor_id, explanation_zh, explanation_en, at)
    select p.g, 'pending_merchant', 'awaiting_return', 'merchant', s.owner_user_id, '商家同意了申请', 'The merchant approved the request', p.entered_at
    from bench_plan p join shops s on s.id = p.shop_id where p.slot >= 8 order by p.g`.execute(db);
  await sql`
    insert into return_shipments (request_id, return_address, updated_at)
    select g, '售后压测店铺 售后退货仓 / After-sales returns, shop #' || shop_id, entered_at
    from bench_plan where slot >= 8`.execute(db);

  for (const table of ['order_groups', 'orders', 'order_lines', 'payments', 'aftersales_requests'])
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
      db,
    );

  // Escrow holds the orders' money, spread over its buckets as captures spread it.
  const sum = await sql<{ fen: number }>`select sum(price_fen)::bigint as fen from bench_plan`.execute(db);
  const escrowFen = Number(sum.rows[0]!.fen);
  const buckets = accounts.escrow.buckets;
  for (let b = 0; b < buckets; b++) {
    const amountFen = Math.floor(escrowFen / buckets) + (b === buckets - 1 ? escrowFen % buckets : 0);
    await postEntry(db, {
      idempotencyKey: `aftersales-bench:capture:${b}`,
      kind: 'payment_capture',
      cause: { type: 'bench_seed', id: b + 1 },
      memo: 'captures of the benchmark orders',
      bucketHint: b,
      postings: [
        { account: accounts.paymentProvider, amountFen: -amountFen },
        { account: accounts.escrow, amountFen },
      ],
    });
  }
  await sql`drop table bench_shops, bench_buyers`.execute(db);
  await sql`vacuum analyze`.execute(db);
  return {
    shape,
    escrowFen,
    range: (run) => [(run - 1) * shape.perRun + 1, run * shape.perRun],
  };
}

/** Writes the pending deadline rows of run `run`, due when their request's deadline passed. */
export async function arm(db: Db, backlog: Backlog, run: number): Promise<void> {
  const [first, last] = backlog.range(run);
  await sql`
    insert into deadlines (kind, subject_id, due_at)
    select ${REQUEST_DEADLINE}, id, deadline_at from aftersales_requests
    where id between ${first} and ${last} order by id`.execute(db);
  await sql`vacuum analyze deadlines`.execute(db);
}

export interface RunCheck {
  /** Seeded deadline rows of the run now done, with no failed attempt. */
  doneFirstTry: number;
  /** Deadline rows of any kind with a failed attempt or turned failed (retries, given up). */
  retried: number;
  failed: number;
  /** Requests with exactly one system event leaving their due state. */
  leftOnce: number;
  /** Requests by final state per mix. */
  states: Record<string, number>;
  /** Refund-only requests with exactly one refund of their amount; refunds in all on the run's requests. */
  refundedOnce: number;
  refunds: number;
  refundsSucceeded: number;
  /** Approved returns with their return address and their next (7-day) deadline pending. */
  returnsAwaitingWithDeadline: number;
  exactlyOnce: boolean;
}

/** What run `run` left behind, checked against what the default actions must have done exactly once. */
export async function checkRun(
  db: Db,
  backlog: Backlog,
  run: number,
  eventsBefore: number,
): Promise<RunCheck> {
  const [first, last] = backlog.range(run);
  const perRun = backlog.shape.perRun;
  const one = async (q: RawBuilder<{ n: number }>) => Number((await q.execute(db)).rows[0]!.n);
  const doneFirstTry = await one(sql<{ n: number }>`
    select count(*) as n from deadlines where kind = ${REQUEST_DEADLINE} and subject_id between ${first} and ${last}
      and status = 'done' and attempts = 0 and due_at < created_at`);
  const retried = await one(sql<{ n: number }>`select count(*) as n from deadlines where attempts > 0`);
  const failed = await one(sql<{ n: number }>`select count(*) as n from deadlines where status = 'failed'`);
  // slot < 8: the request was due in pending_merchant, else in awaiting_return (see bench_plan)
  const leftOnce = await one(sql<{ n: number }>`
    select count(*) as n from (
      select request_id, count(*) as moves,
             bool_and(actor_kind = 'system' and to_state <> from_state and from_state =
               case when ((request_id - 1) % ${perRun}) % 10 < 8 then 'pending_merchant' else 'awaiting_return' end) as from_due
      from aftersales_events
      where id > ${eventsBefore} and request_id between ${first} and ${last}
      group by request_id) m
    where moves = 1 and from_due`);
  const states: Record<string, number> = {};
  const rows = await sql<{ type: string; state: string; n: number }>`
    select type, state, count(*)::int as n from aftersales_requests where id between ${first} and ${last}
    group by type, state order by type, state`.execute(db);
  for (const r of rows.rows) states[`${r.type}:${r.state}`] = r.n;
  const refundedOnce = await one(sql<{ n: number }>`
    select count(*) as n from aftersales_requests r
    where r.id between ${first} and ${last} and r.type = 'refund_only' and r.state = 'refunded'
      and r.approved_fen = r.requested_fen
      and (select count(*) from refunds f where f.cause_type = 'aftersales_request' and f.cause_id = r.id
             and f.amount_fen = r.requested_fen and f.order_id = r.order_id) = 1`);
  const refunds = await one(sql<{ n: number }>`
    select count(*) as n from refunds where cause_type = 'aftersales_request' and cause_id between ${first} and ${last}`);
  const refundsSucceeded = await one(sql<{ n: number }>`
    select count(*) as n from refunds where cause_type = 'aftersales_request' and cause_id between ${first} and ${last}
      and state = 'succeeded'`);
  const returnsAwaitingWithDeadline = await one(sql<{ n: number }>`
    select count(*) as n from aftersales_requests r
    join return_shipments s on s.request_id = r.id and s.state = 'awaiting_shipment'
    join deadlines d on d.kind = ${REQUEST_DEADLINE} and d.subject_id = r.id and d.status = 'pending'
      and d.due_at = r.deadline_at
    where r.id between ${first} and ${last} and r.state = 'awaiting_return' and r.deadline_action = 'close'
      and r.deadline_at > now() + interval '6 days'`);
  const want = (m: Mix) => Math.round(perRun * MIX_SHARE[m]);
  const exactlyOnce =
    doneFirstTry === perRun &&
    failed === 0 &&
    leftOnce === perRun &&
    states['refund_only:refunded'] === want('refund_only_pending') &&
    states['return_refund:awaiting_return'] === want('return_pending') &&
    states['return_refund:closed'] === want('return_awaiting') &&
    refundedOnce === want('refund_only_pending') &&
    refunds === want('refund_only_pending') &&
    returnsAwaitingWithDeadline === want('return_pending');
  return {
    doneFirstTry,
    retried,
    failed,
    leftOnce,
    states,
    refundedOnce,
    refunds,
    refundsSucceeded,
    returnsAwaitingWithDeadline,
    exactlyOnce,
  };
}
