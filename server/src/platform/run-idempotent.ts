import { sql } from 'kysely';
import type { Db, Tx } from './db.ts';
import { AppError } from './errors.ts';
import { claimKeys, storeResponses } from './idempotency.ts';

export interface IdempotentRequest {
  userId: number;
  /** The caller's Idempotency-Key header. */
  key: string;
  /** What the key is used for: the same key on another request is refused. */
  hash: string;
}

export type IdempotentOutcome<T> =
  | { status: 201; body: T; replayed: boolean }
  | {
      status: number;
      body: { error: { code: string; message: string; details: object } };
      replayed: boolean;
    };

/**
 * Runs a money-moving use case once per (user, Idempotency-Key), in one transaction with the claim of
 * the key: a replay gets the first answer, refusals included (a 409 stays a 409), and writes nothing.
 * A refusal (AppError) rolls back the use case's writes but is stored as the answer; any other error
 * rolls back everything, key included, so the request can be tried again.
 */
export async function runIdempotent<T>(
  db: Db,
  request: IdempotentRequest,
  effect: (tx: Tx) => Promise<T>,
): Promise<IdempotentOutcome<T>> {
  return db.transaction().execute(async (tx) => {
    const claimed = await claimKeys(tx, [{ userId: request.userId, key: request.key, hash: request.hash }]);
    if (claimed.size === 0) return replay<T>(tx, request);
    let outcome: IdempotentOutcome<T>;
    await sql`savepoint idempotent_effect`.execute(tx);
    try {
      outcome = { status: 201, body: await effect(tx), replayed: false };
      await sql`release savepoint idempotent_effect`.execute(tx);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await sql`rollback to savepoint idempotent_effect`.execute(tx);
      const error = { code: err.code, message: err.message, details: err.details };
      outcome = { status: err.status, body: { error }, replayed: false };
    }
    // JSON round trip: the first answer reads exactly as its replays will.
    const body = JSON.parse(JSON.stringify(outcome.body));
    await storeResponses(tx, [{ userId: request.userId, key: request.key, status: outcome.status, body }]);
    return { ...outcome, body };
  });
}

async function replay<T>(tx: Tx, request: IdempotentRequest): Promise<IdempotentOutcome<T>> {
  const row = await tx
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'statusCode', 'response'])
    .where('userId', '=', request.userId)
    .where('key', '=', request.key)
    .executeTakeFirstOrThrow();
  if (row.requestHash !== request.hash) {
    const reason = 'already used for a different request';
    const error = new AppError('idempotency_key_reused', `Idempotency-Key: ${reason}`, {
      fields: [{ field: 'Idempotency-Key', reason }],
    });
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, details: error.details } },
      replayed: true,
    };
  }
  return { status: row.statusCode, body: row.response, replayed: true } as IdempotentOutcome<T>;
}
