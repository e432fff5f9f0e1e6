import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { getAnyProduct } from '../catalog/index.ts';
import { requireShopMember } from '../shops/index.ts';
import type { ContentState } from './content.tables.ts';
import type { ContentGate } from './content-gate.ts';
import { screenNewContent } from './screened-write.ts';

export interface VideoView {
  id: number;
  authorId: number;
  shopId: number | null;
  productId: number | null;
  caption: string;
  videoUrl: string | null;
  state: ContentState;
  hiddenReason: string | null;
  createdAt: Date;
}

const videoColumns = [
  'id',
  'authorId',
  'shopId',
  'productId',
  'caption',
  'videoUrl',
  'state',
  'hiddenReason',
  'createdAt',
] as const;

/**
 * A merchant (for one of their shops, with one of its listed products) or a creator (any listed
 * product, as with pins) posts a short video record; the gate screens the caption. No media is
 * processed: the URL is stored as given.
 */
export async function postVideo(
  db: Executor,
  gate: ContentGate,
  clock: Clock,
  principal: Principal,
  input: { caption: string; videoUrl?: string; productId?: number; shopId?: number },
): Promise<VideoView> {
  return db.transaction().execute(async (tx) => {
    if (principal.kind === 'merchant') {
      if (input.shopId === undefined) throw invalidField('shopId', 'required: the shop the video is for');
      await requireShopMember(tx, principal, input.shopId);
    } else if (input.shopId !== undefined) {
      throw invalidField('shopId', 'only merchants post for a shop');
    }
    if (input.productId !== undefined) {
      const product = await getAnyProduct(tx, input.productId).catch((err) => {
        if (err instanceof AppError && err.code === 'not_found')
          throw invalidField('productId', 'no such product');
        throw err;
      });
      if (product.state !== 'listed') throw invalidField('productId', 'is not on sale');
      if (input.shopId !== undefined && product.shopId !== input.shopId) {
        throw invalidField('productId', `is not a product of shop ${input.shopId}`);
      }
    }
    const now = clock.now();
    const caption = input.caption.trim();
    const row = await tx
      .insertInto('videos')
      .values({
        authorId: principal.userId,
        shopId: input.shopId ?? null,
        productId: input.productId ?? null,
        caption,
        videoUrl: input.videoUrl ?? null,
        createdAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await screenNewContent(
      tx,
      gate,
      { table: 'videos', id: row.id, surface: 'video_caption', subjectType: 'video' },
      { text: caption, authorId: principal.userId, now },
      'flagged',
    );
    return tx.selectFrom('videos').select(videoColumns).where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}

/** A visible video for anyone; a held one only for its author, its shop's members and ops (else 404). */
export async function getVideo(db: Executor, viewer: Principal | null, videoId: number): Promise<VideoView> {
  const video = await db
    .selectFrom('videos')
    .select(videoColumns)
    .where('id', '=', videoId)
    .executeTakeFirst();
  if (!video) throw notFound('video', videoId);
  if (video.state === 'visible' || (await maySeeHeld(db, viewer, video))) return video;
  throw notFound('video', videoId);
}

async function maySeeHeld(db: Executor, viewer: Principal | null, video: VideoView): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.kind === 'ops' || viewer.userId === video.authorId) return true;
  if (video.shopId === null) return false;
  return requireShopMember(db, viewer, video.shopId).then(
    () => true,
    () => false,
  );
}
