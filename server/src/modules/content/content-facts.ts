import type { Executor } from '../../platform/db.ts';

/** The rating of a review, or undefined when there is no such review (the review checkpoint's fact). */
export async function reviewRating(db: Executor, reviewId: number): Promise<number | undefined> {
  const row = await db.selectFrom('reviews').select('rating').where('id', '=', reviewId).executeTakeFirst();
  return row?.rating;
}

/** The live session a comment was posted in, or undefined when there is no such comment. */
export async function sessionOfComment(db: Executor, commentId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('liveComments')
    .select('sessionId')
    .where('id', '=', commentId)
    .executeTakeFirst();
  return row?.sessionId;
}
