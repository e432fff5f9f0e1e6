import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction, type Tx } from '../../platform/db.ts';
import { AppError, invalidField } from '../../platform/errors.ts';
import { displayNames, getAccount } from '../identity/index.ts';
import type { QueueSubject } from './queue.service.ts';
import type { Queue } from './queues.ts';

export interface Claim {
  queue: Queue;
  subject: QueueSubject;
  holderId: number;
  holderName: string;
  claimedAt: Date;
}

/** 409 naming who holds the item, so the page can offer to take it over. */
async function heldByOther(db: Executor, holderId: number): Promise<never> {
  const name = (await displayNames(db, [holderId])).get(holderId) ?? '';
  throw new AppError('conflict', `${name} is working on this item; take it over to decide it`, {
    holderId,
    holderName: name,
  });
}

/**
 * Claims an item of a queue for a reviewer (the caller, or another ops account: assigning). An item
 * someone else holds is only taken over on purpose (`takeOver`).
 */
export async function claimItem(
  db: Executor,
  clock: Clock,
  input: { queue: Queue; subject: QueueSubject; holderId: number; actorId: number; takeOver: boolean },
): Promise<Claim> {
  const holder = await getAccount(db, input.holderId).catch(() => undefined);
  if (holder?.kind !== 'ops') throw invalidField('holderId', 'must be an ops account');
  const now = clock.now();
  const row = await db
    .insertInto('opsClaims')
    .values({
      queue: input.queue,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      holderId: input.holderId,
      claimedBy: input.actorId,
      claimedAt: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['queue', 'subjectType', 'subjectId'])
        .doUpdateSet({
          holderId: input.holderId,
          claimedBy: input.actorId,
          claimedAt: now,
        })
        // Only the holder re-assigns without taking over.
        .where(sql<boolean>`ops_claims.holder_id = ${input.actorId} or ${input.takeOver}`),
    )
    .returning(['holderId', 'claimedAt'])
    .executeTakeFirst();
  if (!row) {
    const current = await db
      .selectFrom('opsClaims')
      .select('holderId')
      .where('queue', '=', input.queue)
      .where('subjectType', '=', input.subject.type)
      .where('subjectId', '=', input.subject.id)
      .executeTakeFirstOrThrow();
    await heldByOther(db, current.holderId);
  }
  return {
    queue: input.queue,
    subject: input.subject,
    holderId: row!.holderId,
    holderName: holder.displayName,
    claimedAt: row!.claimedAt,
  };
}

/** The holder lets an item go back to the queue (or anyone, taking it over). */
export async function releaseItem(
  db: Executor,
  input: { queue: Queue; subject: QueueSubject; actorId: number; takeOver: boolean },
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await assertMayDecide(tx, { ...input, userId: input.actorId });
    await tx
      .deleteFrom('opsClaims')
      .where('queue', '=', input.queue)
      .where('subjectType', '=', input.subject.type)
      .where('subjectId', '=', input.subject.id)
      .execute();
  });
}

/** Locks the item's claim: a reviewer decides an item someone else holds only by taking it over. */
export async function assertMayDecide(
  tx: Tx,
  input: { queue: Queue; subject: QueueSubject; userId: number; takeOver: boolean },
): Promise<void> {
  const claim = await tx
    .selectFrom('opsClaims')
    .select('holderId')
    .where('queue', '=', input.queue)
    .where('subjectType', '=', input.subject.type)
    .where('subjectId', '=', input.subject.id)
    .forUpdate()
    .executeTakeFirst();
  if (claim && claim.holderId !== input.userId && !input.takeOver) await heldByOther(tx, claim.holderId);
}
