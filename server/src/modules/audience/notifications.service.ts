import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';
import { followersOfQuery, type Page } from './follows.service.ts';

/** The kinds of notification the inbox words (the web has a text for each). */
export type NotificationKind = 'live_started';

export interface NotificationView {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/** Writes one notification per user (in the caller's transaction). */
export async function notify(
  tx: Tx,
  userIds: readonly number[],
  kind: string,
  payload: object,
  now: Date,
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const json = JSON.stringify(payload);
  await tx
    .insertInto('notifications')
    .values(unique.map((userId) => ({ userId, kind, payload: json, createdAt: now })))
    .execute();
}

/**
 * Notifies every follower of the host and of the shop (each follower once, never the host) in the
 * caller's transaction, with one set-based insert however many followers there are. Returns how many.
 */
export async function notifyFollowers(
  tx: Tx,
  input: { hostUserId: number; shopId: number | null; kind: NotificationKind; payload: object; now: Date },
): Promise<number> {
  const followers = followersOfQuery(tx, input.hostUserId, input.shopId);
  const result = await tx
    .insertInto('notifications')
    .columns(['userId', 'kind', 'payload', 'createdAt'])
    .expression(
      tx
        .selectFrom(followers.as('f'))
        .select([
          'f.followerId',
          sql<string>`${input.kind}::text`.as('kind'),
          sql<string>`${JSON.stringify(input.payload)}::jsonb`.as('payload'),
          sql<Date>`${input.now}::timestamptz`.as('createdAt'),
        ]),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** A user's inbox, newest first, with how many are unread. */
export async function listNotifications(
  db: Executor,
  userId: number,
  query: { unread?: boolean | undefined; limit: number; offset: number },
): Promise<Page<NotificationView> & { unreadCount: number }> {
  let base = db.selectFrom('notifications').where('userId', '=', userId);
  if (query.unread) base = base.where('readAt', 'is', null);
  const [items, total, unreadCount] = await Promise.all([
    base
      .select(['id', 'kind', 'payload', 'createdAt', 'readAt'])
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    unreadCountOf(db, userId),
  ]);
  return { items, total: Number(total.n), limit: query.limit, offset: query.offset, unreadCount };
}

export async function unreadCountOf(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the given notifications of the user (others' ids are ignored), or all of them, read. */
export async function markRead(
  db: Executor,
  userId: number,
  input: { ids?: number[] | undefined; all?: boolean | undefined },
  now: Date,
): Promise<{ unreadCount: number }> {
  if (input.all !== true && (input.ids === undefined || input.ids.length === 0)) {
    throw invalidField('ids', 'give the notifications to mark read, or all: true');
  }
  let update = db
    .updateTable('notifications')
    .set({ readAt: now })
    .where('userId', '=', userId)
    .where('readAt', 'is', null);
  if (input.all !== true) update = update.where('id', 'in', input.ids!);
  await update.execute();
  return { unreadCount: await unreadCountOf(db, userId) };
}
