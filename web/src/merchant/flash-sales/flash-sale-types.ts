import type { paths } from '../../api/client.ts';

type Ok<P extends keyof paths, M extends 'get' | 'post', C extends number = 200> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends Record<C, { content: { 'application/json': infer T } }>
    ? T
    : never
  : never;

/** A flash sale as the server answers it (merchant list, live room, product page). */
export type FlashSale = Ok<'/api/v1/shops/{id}/flash-sales', 'get'>['items'][number];
export type FlashSaleState = FlashSale['state'];
/** A listed product of the shop with its SKUs (the form's chooser). */
export type ChoosableProduct = Ok<'/api/v1/shops/{id}/products', 'get'>['items'][number];
