import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { getProductSummary } from '../catalog/index.ts';
import { reviewRating, screenedContent } from '../content/index.ts';
import { displayNames } from '../identity/index.ts';
import { sessionFacts } from '../live/index.ts';
import { shopNames } from '../shops/index.ts';
import type { ReportSubjectType } from './report-rules.ts';

export interface SubjectRef {
  type: ReportSubjectType;
  id: number;
}

/** A reported thing as the reporter's list and the ops queue show it, read through its owner. */
export interface ReportedSubject extends SubjectRef {
  /** The shop behind it (null: a creator's own room, or a comment in it). */
  shopId: number | null;
  /** Who wrote it or hosts it (null for a product or shop): nobody reports their own. */
  authorId: number | null;
  authorName: string | null;
  /** Whether others see it now (a hidden comment or review, a draft product cannot be reported). */
  shown: boolean;
  /** Its state as its owner keeps it (visible / hidden / flagged, a product's or room's state). */
  state: string;
  /** The comment or review as written, the product's or room's title, the shop's name. */
  text: string;
  imageUrl: string | null;
  /** A review's stars. */
  rating: number | null;
  /** Where a comment was posted (its room) or what a review is about (its product). */
  place: { type: 'live_session' | 'product'; id: number; title: string } | null;
}

async function readContent(db: Executor, ref: SubjectRef & { type: 'live_comment' | 'review' }) {
  try {
    return await screenedContent(db, ref);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return undefined;
    throw err;
  }
}

/** The subject, or undefined when there is no such thing. */
export async function readSubject(db: Executor, ref: SubjectRef): Promise<ReportedSubject | undefined> {
  switch (ref.type) {
    case 'live_comment':
    case 'review': {
      const content = await readContent(db, { type: ref.type, id: ref.id });
      if (!content) return undefined;
      const placeId = content.place?.id ?? null;
      let shopId: number | null = null;
      let rating: number | null = null;
      let imageUrl: string | null = null;
      if (ref.type === 'live_comment') {
        shopId = placeId === null ? null : ((await sessionFacts(db, placeId))?.shopId ?? null);
      } else {
        rating = (await reviewRating(db, ref.id)) ?? null;
        const product = placeId === null ? undefined : await getProductSummary(db, placeId);
        shopId = product?.shopId ?? null;
        imageUrl = product?.imageUrl ?? null;
      }
      const place =
        content.place && content.place.type !== 'shop'
          ? { type: content.place.type, id: content.place.id, title: content.place.title }
          : null;
      return {
        ...ref,
        shopId,
        authorId: content.author.id,
        authorName: content.author.name,
        shown: content.state === 'visible',
        state: content.state,
        text: content.text,
        imageUrl,
        rating,
        place,
      };
    }
    case 'product': {
      const product = await getProductSummary(db, ref.id);
      if (!product) return undefined;
      return {
        ...ref,
        shopId: product.shopId,
        authorId: null,
        authorName: null,
        shown: product.state !== 'draft',
        state: product.state,
        text: product.title,
        imageUrl: product.imageUrl,
        rating: null,
        place: null,
      };
    }
    case 'live_session': {
      const session = await sessionFacts(db, ref.id);
      if (!session) return undefined;
      const [hosts, shops] = await Promise.all([
        displayNames(db, [session.hostUserId]),
        shopNames(db, session.shopId === null ? [] : [session.shopId]),
      ]);
      return {
        ...ref,
        shopId: session.shopId,
        authorId: session.hostUserId,
        authorName:
          (session.shopId === null ? undefined : shops.get(session.shopId)) ??
          hosts.get(session.hostUserId) ??
          null,
        shown: true,
        state: session.state,
        text: session.title,
        imageUrl: null,
        rating: null,
        place: null,
      };
    }
    case 'shop': {
      const name = (await shopNames(db, [ref.id])).get(ref.id);
      if (name === undefined) return undefined;
      return {
        ...ref,
        shopId: ref.id,
        authorId: null,
        authorName: null,
        shown: true,
        state: 'open',
        text: name,
        imageUrl: null,
        rating: null,
        place: null,
      };
    }
  }
}

/** Many subjects at once (a page of the ops queue or of a buyer's reports), by `type:id`. */
export async function readSubjects(
  db: Executor,
  refs: readonly SubjectRef[],
): Promise<Map<string, ReportedSubject>> {
  const unique = new Map(refs.map((r) => [subjectKey(r), r]));
  const read = await Promise.all([...unique.values()].map((r) => readSubject(db, r)));
  return new Map(read.filter((s) => s !== undefined).map((s) => [subjectKey(s), s]));
}

export const subjectKey = (ref: SubjectRef) => `${ref.type}:${ref.id}`;
