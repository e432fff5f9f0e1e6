import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction, type Tx } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { checkImageUpload, readStoredFile, storeImageFile } from '../files/index.ts';
import { productTransitions } from './product.machine.ts';
import { stateAfterEdit } from './product-edit.rule.ts';
import { getAnyProduct, type ManagedProduct, requireShopProduct } from './product-query.service.ts';

/** The largest product image the platform stores: 5 MiB. */
export const MAX_PRODUCT_IMAGE_BYTES = 5 * 1024 * 1024;
/** The most images one product may have (a buyer's gallery). */
export const MAX_PRODUCT_IMAGES = 9;
/** Thumbnails fit in this square: product cards, the live room's pinned card, the merchant table. */
export const THUMBNAIL_SIZE = 320;

async function thumbnailOf(bytes: Buffer): Promise<{ width: number; height: number; thumbnail: Buffer }> {
  // loaded on the first image upload, not when the server starts
  const { default: sharp } = await import('sharp');
  try {
    // rotate(): phone photos carry their orientation in EXIF; the thumbnail is stored upright.
    const image = sharp(bytes, { failOn: 'error' }).rotate();
    const { width, height } = await image.metadata();
    const thumbnail = await image
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    if (!width || !height) throw new Error('no dimensions');
    return { width, height, thumbnail };
  } catch {
    throw invalidField(
      'body',
      'is not a readable image: its header says image but the picture cannot be decoded',
    );
  }
}

/**
 * Images are what buyers read about a product (like its title): changing them on a listed product
 * sends it back to review (product-edit.rule.ts). Locks the product row for the change.
 */
async function editImages(tx: Tx, productId: number, actorId: number, clock: Clock): Promise<void> {
  const { state } = await tx
    .selectFrom('products')
    .select('state')
    .where('id', '=', productId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const next = stateAfterEdit(state, true);
  if (next === null) {
    throw new AppError('invalid_transition', `product ${productId} is ${state} and cannot be edited`, {
      from: state,
    });
  }
  const now = clock.now();
  if (next !== state) {
    await transitionRow(tx, 'products', {
      machine: productTransitions,
      what: `product ${productId}`,
      key: { id: productId },
      from: state,
      to: next,
      set: { updatedAt: now, stateReason: null },
    });
  } else {
    await tx.updateTable('products').set({ updatedAt: now }).where('id', '=', productId).execute();
  }
  if (next !== state) {
    await tx
      .insertInto('productEvents')
      .values({
        productId,
        fromState: state,
        toState: next,
        actorId,
        reason: 'content edited: images',
        at: now,
      })
      .execute();
  }
}

/**
 * A shop member adds an image to a product: JPEG, PNG or WEBP by its bytes, at most 5 MiB, at most
 * MAX_PRODUCT_IMAGES per product. The original and a thumbnail go to the platform's file store; the
 * first image becomes the main one. The same bytes again answer the image already there.
 */
export async function addProductImage(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
  upload: { declaredType: string | undefined; bytes: Buffer | undefined },
  clock: Clock,
): Promise<{ product: ManagedProduct; created: boolean }> {
  await requireShopProduct(db, principal, shopId, productId);
  checkImageUpload(upload.declaredType, upload.bytes, MAX_PRODUCT_IMAGE_BYTES);
  // Decoding and resizing happen before the transaction: no lock is held while the CPU works.
  const { width, height, thumbnail } = await thumbnailOf(upload.bytes!);
  const created = await inTransaction(db, async (tx) => {
    await editImages(tx, productId, principal.userId, clock);
    const { file } = await storeImageFile(tx, clock, {
      uploadedBy: principal.userId,
      declaredType: upload.declaredType,
      bytes: upload.bytes,
      maxBytes: MAX_PRODUCT_IMAGE_BYTES,
    });
    const existing = await tx
      .selectFrom('productImages')
      .select('id')
      .where('productId', '=', productId)
      .where('fileId', '=', file.id)
      .executeTakeFirst();
    if (existing) return false;
    const { count } = await tx
      .selectFrom('productImages')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('productId', '=', productId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_PRODUCT_IMAGES) {
      throw new AppError('conflict', `a product has at most ${MAX_PRODUCT_IMAGES} images`, {
        limit: MAX_PRODUCT_IMAGES,
        fields: [{ field: 'body', reason: `the product already has ${MAX_PRODUCT_IMAGES} images` }],
      });
    }
    const thumb = await storeImageFile(tx, clock, {
      uploadedBy: principal.userId,
      declaredType: 'image/webp',
      bytes: thumbnail,
      maxBytes: MAX_PRODUCT_IMAGE_BYTES,
    });
    await tx
      .insertInto('productImages')
      .values({
        productId,
        fileId: file.id,
        thumbnailFileId: thumb.file.id,
        position: Number(count),
        width,
        height,
        createdAt: clock.now(),
      })
      .execute();
    return true;
  });
  return { product: await getAnyProduct(db, productId), created };
}

/**
 * Puts the product's images in the order given (the first is the main image). `imageIds` must name
 * each of the product's images exactly once.
 */
export async function reorderProductImages(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
  imageIds: readonly number[],
  clock: Clock,
): Promise<ManagedProduct> {
  await requireShopProduct(db, principal, shopId, productId);
  await inTransaction(db, async (tx) => {
    await editImages(tx, productId, principal.userId, clock);
    const current = await tx
      .selectFrom('productImages')
      .select('id')
      .where('productId', '=', productId)
      .execute();
    const ids = new Set(current.map((r) => r.id));
    const twice = imageIds.find((id, i) => imageIds.indexOf(id) !== i);
    if (twice !== undefined) throw invalidField('imageIds', `image ${twice} is listed twice`);
    const foreign = imageIds.find((id) => !ids.has(id));
    if (foreign !== undefined)
      throw invalidField('imageIds', `image ${foreign} is not an image of this product`);
    if (imageIds.length !== ids.size) {
      throw invalidField('imageIds', `name each of the product's ${ids.size} images once`);
    }
    // One statement per image; the unique position is checked at commit (deferred).
    for (const [position, id] of imageIds.entries()) {
      await tx.updateTable('productImages').set({ position }).where('id', '=', id).execute();
    }
  });
  return getAnyProduct(db, productId);
}

async function imageIdsOf(db: Executor, productId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('productImages')
    .select('id')
    .where('productId', '=', productId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.id);
}

/** Makes one image the main one (first); the others keep their order. */
export async function setMainProductImage(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
  imageId: number,
  clock: Clock,
): Promise<ManagedProduct> {
  await requireShopProduct(db, principal, shopId, productId);
  const ids = await imageIdsOf(db, productId);
  if (!ids.includes(imageId)) throw notFound('product image', imageId);
  return reorderProductImages(
    db,
    principal,
    shopId,
    productId,
    [imageId, ...ids.filter((id) => id !== imageId)],
    clock,
  );
}

/** Removes an image from the product (the stored file stays); the next one becomes main if needed. */
export async function removeProductImage(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
  imageId: number,
  clock: Clock,
): Promise<ManagedProduct> {
  await requireShopProduct(db, principal, shopId, productId);
  await inTransaction(db, async (tx) => {
    await editImages(tx, productId, principal.userId, clock);
    const removed = await tx
      .deleteFrom('productImages')
      .where('id', '=', imageId)
      .where('productId', '=', productId)
      .returning('id')
      .executeTakeFirst();
    if (!removed) throw notFound('product image', imageId);
    const rest = await imageIdsOf(tx, productId);
    for (const [position, id] of rest.entries()) {
      await tx.updateTable('productImages').set({ position }).where('id', '=', id).execute();
    }
  });
  return getAnyProduct(db, productId);
}

/**
 * The bytes of a product image or its thumbnail, for anyone: product images are made to be shown,
 * and `<img>` sends no bearer token.
 */
export async function readProductImage(
  db: Executor,
  imageId: number,
  variant: 'original' | 'thumbnail',
): Promise<{ contentType: string; sha256: string; data: Buffer }> {
  const image = await db
    .selectFrom('productImages')
    .select(['fileId', 'thumbnailFileId'])
    .where('id', '=', imageId)
    .executeTakeFirst();
  const file =
    image && (await readStoredFile(db, variant === 'original' ? image.fileId : image.thumbnailFileId));
  if (!file) throw notFound('product image', imageId);
  return file;
}
