import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requireShopAgent } from './chat-access.ts';

/** A shop-wide quick answer its agents pick in the composer (快捷短语). */
export interface CannedReply {
  id: number;
  title: string;
  text: string;
  sort: number;
}

export interface CannedReplyInput {
  title: string;
  text: string;
  sort?: number;
}

export const MAX_CANNED_REPLIES = 200;
const columns = ['id', 'title', 'text', 'sort'] as const;

export async function listCannedReplies(
  db: Executor,
  principal: Principal,
  shopId: number,
): Promise<CannedReply[]> {
  await requireShopAgent(db, principal, shopId);
  return db
    .selectFrom('chatCannedReplies')
    .select(columns)
    .where('shopId', '=', shopId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** Any agent of the shop adds one (at most 200 a shop). */
export async function createCannedReply(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: CannedReplyInput,
  clock: Clock,
): Promise<CannedReply> {
  await requireShopAgent(db, principal, shopId);
  const count = await db
    .selectFrom('chatCannedReplies')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('shopId', '=', shopId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_CANNED_REPLIES) {
    throw new AppError(
      'conflict',
      `a shop keeps at most ${MAX_CANNED_REPLIES} canned replies`,
      {},
      {
        key: 'chat_canned_reply_limit',
        params: { max: MAX_CANNED_REPLIES },
      },
    );
  }
  return db
    .insertInto('chatCannedReplies')
    .values({
      shopId,
      title: input.title.trim(),
      text: input.text.trim(),
      sort: input.sort ?? 0,
      createdAt: clock.now(),
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function updateCannedReply(
  db: Executor,
  principal: Principal,
  shopId: number,
  replyId: number,
  input: CannedReplyInput,
): Promise<CannedReply> {
  await requireShopAgent(db, principal, shopId);
  const row = await db
    .updateTable('chatCannedReplies')
    .set({
      title: input.title.trim(),
      text: input.text.trim(),
      ...(input.sort === undefined ? {} : { sort: input.sort }),
    })
    .where('id', '=', replyId)
    .where('shopId', '=', shopId)
    .returning(columns)
    .executeTakeFirst();
  if (!row) throw notFound('canned reply', replyId);
  return row;
}

export async function deleteCannedReply(
  db: Executor,
  principal: Principal,
  shopId: number,
  replyId: number,
): Promise<void> {
  await requireShopAgent(db, principal, shopId);
  const result = await db
    .deleteFrom('chatCannedReplies')
    .where('id', '=', replyId)
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('canned reply', replyId);
}
