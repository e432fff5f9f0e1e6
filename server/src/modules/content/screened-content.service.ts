import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { getProductSummary } from '../catalog/index.ts';
import { displayNames } from '../identity/index.ts';
import { sessionFacts, sessionTitles } from '../live/index.ts';
import { shopNames } from '../shops/index.ts';

/** The kinds of record whose text the content checkpoint screens, by the subject type of their decisions. */
export const SCREENED_SUBJECTS = ['live_comment', 'review', 'video', 'live_session'] as const;
export type ScreenedSubject = (typeof SCREENED_SUBJECTS)[number];

/** Where a screened text was posted: the live room, or the product it is about. */
export interface ContentPlace {
  type: 'live_session' | 'product' | 'shop';
  id: number;
  title: string;
}

/** A screened text as its author wrote it, for the people who review it (never shown to buyers). */
export interface ScreenedContent {
  subject: { type: ScreenedSubject; id: number };
  text: string;
  /** visible, hidden (never shown to others), flagged (held until reviewed); a live title: the session's state. */
  state: string;
  hiddenReason: string | null;
  author: { id: number; name: string };
  place: ContentPlace | null;
  createdAt: Date;
}

/** The text of one screened record with its author and place; not found when there is none. */
export async function screenedContent(
  db: Executor,
  subject: { type: ScreenedSubject; id: number },
): Promise<ScreenedContent> {
  const found = await readContent(db, subject);
  if (!found) throw notFound(subject.type, subject.id);
  const { authorId, placeType, placeId, ...rest } = found;
  const names = await displayNames(db, [authorId]);
  const author = { id: authorId, name: names.get(authorId) ?? '' };
  return { subject, ...rest, author, place: placeId === null ? null : await placeOf(db, placeType, placeId) };
}

interface ContentRow {
  text: string;
  state: string;
  hiddenReason: string | null;
  createdAt: Date;
  authorId: number;
  placeType: ContentPlace['type'];
  placeId: number | null;
}

async function readContent(
  db: Executor,
  subject: { type: ScreenedSubject; id: number },
): Promise<ContentRow | undefined> {
  switch (subject.type) {
    case 'live_comment':
      return db
        .selectFrom('liveComments')
        .select(['text', 'state', 'hiddenReason', 'createdAt', 'userId as authorId', 'sessionId as placeId'])
        .select((eb) => eb.val<'live_session'>('live_session').as('placeType'))
        .where('id', '=', subject.id)
        .executeTakeFirst();
    case 'review':
      return db
        .selectFrom('reviews')
        .select(['text', 'state', 'hiddenReason', 'createdAt', 'buyerId as authorId', 'productId as placeId'])
        .select((eb) => eb.val<'product'>('product').as('placeType'))
        .where('id', '=', subject.id)
        .executeTakeFirst();
    case 'video': {
      const row = await db
        .selectFrom('videos')
        .select(['caption as text', 'state', 'hiddenReason', 'createdAt', 'authorId', 'productId', 'shopId'])
        .where('id', '=', subject.id)
        .executeTakeFirst();
      if (!row) return undefined;
      const { productId, shopId, ...rest } = row;
      return productId !== null
        ? { ...rest, placeType: 'product', placeId: productId }
        : { ...rest, placeType: 'shop', placeId: shopId };
    }
    case 'live_session': {
      const session = await sessionFacts(db, subject.id);
      if (!session) return undefined;
      return {
        text: session.title,
        state: session.state,
        hiddenReason: session.endReason,
        createdAt: session.createdAt,
        authorId: session.hostUserId,
        placeType: 'live_session',
        placeId: session.id,
      };
    }
  }
}

async function placeOf(db: Executor, type: ContentPlace['type'], id: number): Promise<ContentPlace | null> {
  const title =
    type === 'shop'
      ? (await shopNames(db, [id])).get(id)
      : type === 'product'
        ? (await getProductSummary(db, id))?.title
        : (await sessionTitles(db, [id])).get(id);
  return title === undefined ? null : { type, id, title };
}
