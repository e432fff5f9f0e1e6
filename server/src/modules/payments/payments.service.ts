import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { Batcher } from '../../platform/batcher.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor, Tx } from '../../platform/db.ts';
import { errorStatus, notFound } from '../../platform/errors.ts';
import { claimKeys, idempotencyKeyOf, storedResponses, storeResponses } from '../../platform/idempotency.ts';
import { scheduleDeadlines } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { lockPayableGroups } from '../orders/index.ts';
import { EXPIRE_PAYMENT } from './deadline-kinds.ts';
import { applyAnswers } from './payment-confirm.ts';
import type { ChargeResult, PaymentProvider } from './payment-provider.ts';
import type { PaymentState, SandboxOutcome } from './payments.tables.ts';

export interface PayRequest {
  buyerId: number;
  groupId: number;
  idempotencyKey: string;
  sandboxOutcome: SandboxOutcome | null;
}

export interface PaymentView {
  id: number;
  groupId: number;
  amountFen: number;
  provider: string;
  state: PaymentState;
  providerRef: string | null;
  failureReason: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

export type PayOutcome =
  | { status: 201 | 200; payment: PaymentView; replayed: boolean }
  | { status: number; error: { code: string; message: string; details: object }; replayed: boolean };

type Started =
  | { paymentId: number; amountFen: number; sandboxOutcome: SandboxOutcome | null }
  | { outcome: PayOutcome };

/** What `pay` stores under its key: the group and the sandbox behaviour asked for. */
const payHash = (groupId: number, sandboxOutcome: SandboxOutcome | null) =>
  `pay:${groupId}:${sandboxOutcome ?? ''}`;

export interface CheckoutPaymentStart {
  buyerId: number;
  groupId: number;
  amountFen: number;
  orderIds: readonly number[];
  sandboxOutcome: SandboxOutcome | null;
  /** The checkout's key + ':pay', the key a replay of the pay step uses. */
  idempotencyKey: string;
}

const paymentColumns = [
  'id',
  'groupId',
  'amountFen',
  'provider',
  'state',
  'providerRef',
  'failureReason',
  'createdAt',
  'completedAt',
] as const;

export async function getPayment(db: Executor, paymentId: number, buyerId?: number): Promise<PaymentView> {
  let query = db.selectFrom('payments').select(paymentColumns).where('id', '=', paymentId);
  if (buyerId !== undefined) query = query.where('buyerId', '=', buyerId);
  const payment = await query.executeTakeFirst();
  if (!payment) throw notFound('payment', paymentId);
  return payment;
}

function errorOutcome(code: keyof typeof errorStatus, message: string, details: object = {}): PayOutcome {
  return { status: errorStatus[code], error: { code, message, details }, replayed: false };
}

/**
 * Payments (product rules §2): start (a payment row covering the group's waiting orders, under the
 * buyer's Idempotency-Key), charge through the provider outside any transaction, then confirm. Both
 * database steps are batched across concurrent requests. Confirmation is idempotent: a payment moves
 * to succeeded once, its money enters escrow once, and orders cancelled before it arrived are refunded.
 */
export class PaymentService {
  private readonly starts: Batcher<PayRequest, Started>;
  private readonly confirms: Batcher<{ paymentId: number; result: ChargeResult }, PaymentView>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: Settings,
    private readonly provider: PaymentProvider,
    private readonly log: FastifyBaseLogger,
  ) {
    this.starts = new Batcher((batch) => this.isolate(batch, (b) => this.startBatch(b)), {
      maxBatch: 64,
      concurrency: 1,
    });
    this.confirms = new Batcher((batch) => this.isolate(batch, (b) => this.confirmBatch(b)), {
      maxBatch: 64,
      concurrency: 1,
    });
  }

  async pay(request: PayRequest): Promise<PayOutcome> {
    const started = await this.starts.submit(request);
    if ('outcome' in started) return started.outcome;
    const result = await this.provider.charge({
      paymentId: started.paymentId,
      amountFen: started.amountFen,
      sandboxOutcome: started.sandboxOutcome,
    });
    return {
      status: 201,
      payment: await this.confirms.submit({ paymentId: started.paymentId, result }),
      replayed: false,
    };
  }

  /**
   * Pay-at-checkout, inside the checkout's transaction: starts the payment of each new group (the
   * same rows and idempotency record `pay` would write under `<checkout key>:pay`), so that one
   * transaction fewer runs per order. Returns the payment id per group; `complete` charges them.
   */
  async startWithCheckout(
    tx: Tx,
    starts: readonly CheckoutPaymentStart[],
    now: Date,
  ): Promise<Map<number, number>> {
    if (starts.length === 0) return new Map();
    // One statement: each key is claimed with its final answer (the payment id is drawn first), and
    // the payments of the claimed keys are written with their order links. The groups are new in this
    // transaction, so none has a payment yet; a key already claimed (a client's own `<key>:pay`) starts nothing.
    const links = starts.flatMap((s) => s.orderIds.map((orderId) => ({ groupId: s.groupId, orderId })));
    const inserted = await sql<{ id: number; groupId: number }>`
      with pays as (
        select v.*, nextval(pg_get_serial_sequence('payments', 'id')) as id
        from unnest(${starts.map((s) => s.buyerId)}::bigint[], ${starts.map((s) => s.idempotencyKey)}::text[],
                    ${starts.map((s) => payHash(s.groupId, s.sandboxOutcome))}::text[],
                    ${starts.map((s) => s.groupId)}::bigint[], ${starts.map((s) => s.amountFen)}::bigint[],
                    ${starts.map((s) => s.sandboxOutcome)}::text[]) as v(u, k, h, g, a, o)
      ),
      claimed as (
        insert into idempotency_keys (user_id, key, request_hash, status_code, response)
        select u, k, h, 201, jsonb_build_object('paymentId', id) from pays
        on conflict do nothing
        returning user_id, key
      ),
      payment as (
        insert into payments (id, group_id, buyer_id, amount_fen, provider, sandbox_outcome, created_at)
          overriding system value
        select p.id, p.g, p.u, p.a, ${this.provider.name}, p.o, ${now}::timestamptz
        from pays p join claimed c on c.user_id = p.u and c.key = p.k
        returning id, group_id
      ),
      links as (
        insert into payment_orders (payment_id, order_id)
        select payment.id, l.o from payment
        join unnest(${links.map((l) => l.groupId)}::bigint[], ${links.map((l) => l.orderId)}::bigint[]) as l(g, o)
          on l.g = payment.group_id
      )
      select id, group_id from payment`.execute(tx);
    await this.scheduleExpiry(tx, inserted.rows, now);
    return new Map(inserted.rows.map((r) => [r.groupId, r.id]));
  }

  /** A payment the provider never answers (or whose answer a crash lost) times out (payment-confirm.ts). */
  private scheduleExpiry(tx: Tx, payments: readonly { id: number }[], now: Date): Promise<void> {
    const expiresAt = new Date(now.getTime() + this.settings.paymentAnswerTimeoutMs);
    return scheduleDeadlines(
      tx,
      payments.map((r) => ({ kind: EXPIRE_PAYMENT, subjectId: r.id, dueAt: expiresAt })),
    );
  }

  /** Charges a payment started with its checkout and confirms it (batched). */
  async complete(
    paymentId: number,
    amountFen: number,
    sandboxOutcome: SandboxOutcome | null,
  ): Promise<PaymentView> {
    const result = await this.provider.charge({ paymentId, amountFen, sandboxOutcome });
    return this.confirms.submit({ paymentId, result });
  }

  private async insertPayments(
    tx: Tx,
    rows: readonly {
      groupId: number;
      buyerId: number;
      amountFen: number;
      orderIds: readonly number[];
      sandboxOutcome: SandboxOutcome | null;
    }[],
    now: Date,
  ): Promise<Map<number, number>> {
    if (rows.length === 0) return new Map();
    // The partial unique index allows one live payment per group: a conflict means it has one.
    const inserted = await sql<{ id: number; groupId: number }>`
      insert into payments (group_id, buyer_id, amount_fen, provider, sandbox_outcome, created_at)
      select * from unnest(
        ${rows.map((r) => r.groupId)}::bigint[], ${rows.map((r) => r.buyerId)}::bigint[],
        ${rows.map((r) => r.amountFen)}::bigint[], ${rows.map(() => this.provider.name)}::text[],
        ${rows.map((r) => r.sandboxOutcome)}::text[], ${rows.map(() => now)}::timestamptz[])
      on conflict do nothing
      returning id, group_id`.execute(tx);
    const byGroup = new Map(inserted.rows.map((r) => [r.groupId, r.id]));
    // After its expiry the group may be paid again; a late success of the old one is refunded.
    await this.scheduleExpiry(tx, inserted.rows, now);
    const links = rows.flatMap((r) => {
      const paymentId = byGroup.get(r.groupId);
      return paymentId === undefined ? [] : r.orderIds.map((orderId) => ({ paymentId, orderId }));
    });
    if (links.length > 0) {
      await sql`
        insert into payment_orders (payment_id, order_id)
        select * from unnest(${links.map((l) => l.paymentId)}::bigint[], ${links.map((l) => l.orderId)}::bigint[])`.execute(
        tx,
      );
    }
    return byGroup;
  }

  /** The provider's late answer (its notification) for a payment that had none in time. */
  async notify(paymentId: number, result: ChargeResult): Promise<PaymentView> {
    return this.confirms.submit({ paymentId, result });
  }

  /** A batch that fails as a whole is retried one request at a time, so one bad request fails alone. */
  private async isolate<I, R>(batch: I[], run: (items: I[]) => Promise<R[]>): Promise<R[]> {
    try {
      return await run(batch);
    } catch (err) {
      if (batch.length === 1) throw err;
      this.log.warn({ err, size: batch.length }, 'payment batch failed; retrying its requests one by one');
      const results: R[] = [];
      for (const item of batch) results.push((await run([item]))[0]!);
      return results;
    }
  }

  private async startBatch(batch: PayRequest[]): Promise<Started[]> {
    const now = this.clock.now();
    const firstOf = new Map<string, number>();
    batch.forEach((r, i) => {
      const k = idempotencyKeyOf(r.buyerId, r.idempotencyKey);
      if (!firstOf.has(k)) firstOf.set(k, i);
    });
    const leaders = [...firstOf.values()];
    const hash = (r: PayRequest) => payHash(r.groupId, r.sandboxOutcome);

    const started = await this.db.transaction().execute(async (tx) => {
      const claimed = await claimKeys(
        tx,
        leaders.map((i) => ({
          userId: batch[i]!.buyerId,
          key: batch[i]!.idempotencyKey,
          hash: hash(batch[i]!),
        })),
      );
      const fresh = leaders.filter((i) =>
        claimed.has(idempotencyKeyOf(batch[i]!.buyerId, batch[i]!.idempotencyKey)),
      );
      const out = new Map<number, Started>();
      const groups = await lockPayableGroups(tx, [...new Set(fresh.map((i) => batch[i]!.groupId))]);
      const creating: number[] = [];
      const takenGroups = new Set<number>();
      for (const i of fresh) {
        const r = batch[i]!;
        const group = groups.get(r.groupId);
        if (!group || group.buyerId !== r.buyerId) {
          out.set(i, { outcome: errorOutcome('not_found', `order group ${r.groupId} not found`) });
        } else if (group.pendingOrderIds.length === 0) {
          out.set(i, {
            outcome: errorOutcome(
              'invalid_transition',
              `order group ${r.groupId} has no order waiting for payment`,
            ),
          });
        } else if (takenGroups.has(r.groupId)) {
          out.set(i, { outcome: errorOutcome('conflict', `order group ${r.groupId} is already being paid`) });
        } else {
          takenGroups.add(r.groupId);
          creating.push(i);
        }
      }
      if (creating.length > 0) {
        const byGroup = await this.insertPayments(
          tx,
          creating.map((i) => {
            const r = batch[i]!;
            const group = groups.get(r.groupId)!;
            return {
              groupId: r.groupId,
              buyerId: r.buyerId,
              amountFen: group.amountFen,
              orderIds: group.pendingOrderIds,
              sandboxOutcome: r.sandboxOutcome,
            };
          }),
          now,
        );
        for (const i of creating) {
          const r = batch[i]!;
          const paymentId = byGroup.get(r.groupId);
          if (paymentId === undefined) {
            out.set(i, {
              outcome: errorOutcome('conflict', `order group ${r.groupId} is already paid or being paid`),
            });
            continue;
          }
          out.set(i, {
            paymentId,
            amountFen: groups.get(r.groupId)!.amountFen,
            sandboxOutcome: r.sandboxOutcome,
          });
        }
      }
      // A replay answers with the payment the key started (or the same refusal).
      await storeResponses(
        tx,
        fresh.map((i) => {
          const s = out.get(i)!;
          const body = 'outcome' in s ? s.outcome : { paymentId: s.paymentId };
          return {
            userId: batch[i]!.buyerId,
            key: batch[i]!.idempotencyKey,
            status: 'outcome' in s ? s.outcome.status : 201,
            body,
          };
        }),
      );
      return out;
    });

    const results: Started[] = [];
    for (let i = 0; i < batch.length; i++) {
      const done = started.get(i);
      results.push(done ?? { outcome: await this.replay(batch[i]!, hash(batch[i]!)) });
    }
    return results;
  }

  private async replay(request: PayRequest, requestHash: string): Promise<PayOutcome> {
    const k = { userId: request.buyerId, key: request.idempotencyKey };
    const row = (await storedResponses(this.db, [k])).get(idempotencyKeyOf(k.userId, k.key));
    if (!row) throw new Error('idempotency key vanished');
    if (row.requestHash !== requestHash) {
      return errorOutcome('idempotency_key_reused', 'Idempotency-Key: already used for a different request', {
        fields: [{ field: 'Idempotency-Key', reason: 'already used for a different request' }],
      });
    }
    const stored = row.response as { paymentId?: number } & PayOutcome;
    if (stored.paymentId !== undefined) {
      return { status: 200, payment: await this.finishStarted(stored.paymentId), replayed: true };
    }
    return { ...stored, replayed: true };
  }

  /**
   * The payment a replayed key started, finished if it still waits for its charge: the process that
   * started it may have died between the start and the confirmation (its answer lost, the orders
   * holding stock), or the first request may still be on its way. Either way the charge is driven
   * again under the same payment id, which the provider takes as its idempotency key (the same charge,
   * never a second), and confirmed, which moves the payment and its money once. A payment that already
   * has its answer (succeeded, failed, timed out) is only read.
   */
  private async finishStarted(paymentId: number): Promise<PaymentView> {
    const { sandboxOutcome, ...payment } = await this.db
      .selectFrom('payments')
      .select([...paymentColumns, 'sandboxOutcome'])
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow();
    if (payment.state !== 'pending') return payment;
    const result = await this.provider.charge({ paymentId, amountFen: payment.amountFen, sandboxOutcome });
    if (result.status === 'pending') return payment;
    return this.confirms.submit({ paymentId, result });
  }

  /** Applies the answers of a batch in one transaction; returns each payment as it now stands. */
  private async confirmBatch(batch: { paymentId: number; result: ChargeResult }[]): Promise<PaymentView[]> {
    const now = this.clock.now();
    const views = await this.db.transaction().execute(async (tx) => {
      // The first answer per payment wins; duplicates in a batch are no-ops.
      const answers = new Map<number, ChargeResult>();
      for (const { paymentId, result } of batch) if (!answers.has(paymentId)) answers.set(paymentId, result);
      await applyAnswers(tx, answers, now, this.settings);
      const rows = await tx
        .selectFrom('payments')
        .select(paymentColumns)
        .where('id', 'in', [...answers.keys()])
        .execute();
      return new Map(rows.map((r) => [r.id, r]));
    });
    return batch.map(({ paymentId }) => views.get(paymentId)!);
  }
}
