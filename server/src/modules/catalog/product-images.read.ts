import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export interface ProductImage {
  id: number;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

const IMAGES = '/api/v1/product-images/';
export const imageUrlOf = (id: number) => `${IMAGES}${id}`;
export const thumbnailUrlOf = (id: number) => `${IMAGES}${id}/thumbnail`;

/** A product's images, the main one first. */
export async function productImages(db: Executor, productId: number): Promise<ProductImage[]> {
  const rows = await db
    .selectFrom('productImages')
    .select(['id', 'width', 'height'])
    .where('productId', '=', productId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ ...r, url: imageUrlOf(r.id), thumbnailUrl: thumbnailUrlOf(r.id) }));
}

/**
 * What product cards show (SQL over `p`, a products row): the main uploaded image's thumbnail, else
 * the image address the merchant gave, else null.
 */
export const cardImageUrl = sql<string | null>`coalesce(
  (select ${IMAGES} || i.id || '/thumbnail' from product_images i where i.product_id = p.id order by i.position limit 1),
  p.image_url)`;
