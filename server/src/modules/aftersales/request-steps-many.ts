import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { scheduleDeadlines } from '../../platform/scheduler/index.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import { returnAddressesOf } from '../addresses/index.ts';
import { SETTLE_ORDER } from '../fulfilment/index.ts';
import { completedOrderIds } from '../orders/index.ts';
import { shopNames } from '../shops/index.ts';
import type { ActionContext } from './action-context.ts';
import type { RequestState } from './aftersales.tables.ts';
import { requestTransitions, TERMINAL_REQUEST_STATES } from './machines.ts';
import { type MoveReason, REQUEST_DEADLINE, type RequestRow } from './request-store.ts';
import { stateDeadline } from './rules/request-deadline.rule.ts';

/*
 * The steps of request-store.ts and request-steps.ts for many requests at once (the deadline runner's
 * batches): one statement per step whatever the number of requests, same rules. The transaction is
 * the caller's.
 */

/** `lockRequestRow` for many requests, locked in id order (two batches never lock in opposite orders). */
export async function lockRequestRows(tx: Tx, requestIds: readonly number[]): Promise<RequestRow[]> {
  if (requestIds.length === 0) return [];
  return tx
    .selectFrom('aftersalesRequests')
    .selectAll()
    .where('id', '=', sql<number>`any(${[...requestIds]}::bigint[])`)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export interface RequestMove {
  request: RequestRow;
  to: RequestState;
  why: MoveReason;
  approvedFen?: number;
}

/**
 * `moveRequest` for many requests: each move checked against the request machine, the rows updated in
 * one conditional statement (each from the state it was read in, under the caller's lock), the timeline
 * events in one insert, the durable deadlines moved (or created) in one upsert and the ended ones
 * cancelled in one update, and the completed orders of ended requests scheduled to settle.
 */
export async function moveRequests(ac: ActionContext, moves: readonly RequestMove[]): Promise<void> {
  if (moves.length === 0) return;
  const { tx, now } = ac;
  const rows = moves.map((m) => {
    assertTransition(requestTransitions, `request ${m.request.id}`, m.request.state, m.to);
    const next = stateDeadline(
      { type: m.request.type, state: m.to, receiptExtended: m.request.receiptExtended },
      ac.policy.policy,
    );
    return {
      ...m,
      deadlineAt: next ? new Date(now.getTime() + next.afterMs) : null,
      action: next?.action ?? null,
      terminal: TERMINAL_REQUEST_STATES.includes(m.to),
    };
  });
  const updated = await sql<{ id: number }>`
    update aftersales_requests r set
      state = v.to_state, deadline_at = v.deadline_at, deadline_action = v.deadline_action, updated_at = ${now},
      closed_at = case when v.terminal then ${now}::timestamptz end,
      approved_fen = coalesce(v.approved_fen, r.approved_fen)
    from unnest(${rows.map((r) => r.request.id)}::bigint[], ${rows.map((r) => r.request.state)}::text[],
                ${rows.map((r) => r.to)}::text[], ${rows.map((r) => r.deadlineAt)}::timestamptz[],
                ${rows.map((r) => r.action)}::text[], ${rows.map((r) => r.terminal)}::boolean[],
                ${rows.map((r) => r.approvedFen ?? null)}::bigint[])
      as v (id, from_state, to_state, deadline_at, deadline_action, terminal, approved_fen)
    where r.id = v.id and r.state = v.from_state
    returning r.id`.execute(tx);
  if (updated.rows.length !== rows.length)
    throw new Error(
      `${rows.length - updated.rows.length} of ${rows.length} requests moved under their locks`,
    );

  await sql`
    insert into aftersales_events (request_id, from_state, to_state, actor_kind, actor_id, rule, inputs,
      config_version, explanation_zh, explanation_en, at)
    select v.request_id, v.from_state, v.to_state, ${ac.actor.kind}, ${ac.actor.id}::bigint, v.rule, v.inputs::jsonb,
           case when v.rule is not null then ${ac.policy.version}::int end, v.zh, v.en, ${now}
    from unnest(${rows.map((r) => r.request.id)}::bigint[], ${rows.map((r) => r.request.state)}::text[],
                ${rows.map((r) => r.to)}::text[], ${rows.map((r) => r.why.rule ?? null)}::text[],
                ${rows.map((r) => (r.why.inputs ? JSON.stringify(r.why.inputs) : null))}::text[],
                ${rows.map((r) => r.why.explanation.zh)}::text[], ${rows.map((r) => r.why.explanation.en)}::text[])
      with ordinality as v (request_id, from_state, to_state, rule, inputs, zh, en, n)
    order by v.n`.execute(tx);

  const waiting = rows.filter((r) => r.deadlineAt !== null).sort((a, b) => a.request.id - b.request.id);
  if (waiting.length > 0)
    await sql`
      insert into deadlines (kind, subject_id, due_at)
      select ${REQUEST_DEADLINE}, * from unnest(${waiting.map((r) => r.request.id)}::bigint[],
                                                 ${waiting.map((r) => r.deadlineAt)}::timestamptz[])
      on conflict (kind, subject_id) where status = 'pending' do update set due_at = excluded.due_at`.execute(
      tx,
    );
  const ended = rows.filter((r) => r.deadlineAt === null);
  if (ended.length > 0)
    await sql`
      update deadlines set status = 'cancelled'
      where kind = ${REQUEST_DEADLINE} and status = 'pending'
        and subject_id = any(${ended.map((r) => r.request.id)}::bigint[])`.execute(tx);

  // Settlement waits while a request is open (product rules §5); once it ends, a completed order settles when due.
  const endedOrders = [...new Set(rows.filter((r) => r.terminal).map((r) => r.request.orderId))];
  const completed = await completedOrderIds(tx, endedOrders);
  await scheduleDeadlines(
    tx,
    completed.map((orderId) => ({ kind: SETTLE_ORDER, subjectId: orderId, dueAt: now })),
  );
}

/**
 * The return parcels of many approved returns in one insert (once per request), each to its shop's
 * return address, else its warehouse, else a line telling the buyer to ask the shop (as request-steps.ts
 * words it). The requests' move to awaiting_return is the caller's (`moveRequests`).
 */
export async function openReturnParcels(ac: ActionContext, requests: readonly RequestRow[]): Promise<void> {
  if (requests.length === 0) return;
  const shopIds = [...new Set(requests.map((r) => r.shopId))];
  const names = await shopNames(ac.tx, shopIds);
  const addresses = await returnAddressesOf(ac.tx, shopIds);
  const addressOf = (shopId: number) => {
    const a = addresses.get(shopId);
    if (a) return `${a.recipient} ${a.phone} ${a.regionName} ${a.detail}`;
    return `${names.get(shopId) ?? ''}：商家未设置退货地址，请联系商家 / No return address set: ask the shop`;
  };
  const sorted = [...requests].sort((a, b) => a.id - b.id);
  await sql`
    insert into return_shipments (request_id, return_address, updated_at)
    select *, ${ac.now}::timestamptz from unnest(${sorted.map((r) => r.id)}::bigint[],
                                                 ${sorted.map((r) => addressOf(r.shopId))}::text[])
    on conflict (request_id) do nothing`.execute(ac.tx);
}
