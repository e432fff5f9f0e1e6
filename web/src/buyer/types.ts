import type { paths } from '../api/client.ts';

type Json<P extends keyof paths, M extends 'get' | 'post', C extends number = 200> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends Record<C, { content: { 'application/json': infer T } }>
    ? T
    : never
  : never;

export type LiveSessionSummary = Json<'/api/v1/live/sessions', 'get'>['items'][number];
export type LiveSession = Json<'/api/v1/live/sessions/{id}', 'get'>;
export type LivePin = LiveSession['pins'][number];
export type LiveComment = Json<'/api/v1/live/sessions/{id}/comments', 'get'>['items'][number];
export type ProductSummary = Json<'/api/v1/products', 'get'>['items'][number];
export type Product = Json<'/api/v1/products/{id}', 'get'>;
export type Sku = Product['skus'][number];
export type Guarantee = Json<'/api/v1/guarantees', 'get'>[number];
export type Order = Json<'/api/v1/orders/{id}', 'get'>;
export type OrderSummary = Json<'/api/v1/orders', 'get'>['items'][number];
export type OrderState = Order['state'];
export type Shipment = Json<'/api/v1/orders/{id}/shipment', 'get'>;
export type Checkout = Json<'/api/v1/checkout', 'post', 201>;
export type AftersalesRequest = Json<'/api/v1/aftersales/requests/{id}', 'get'>;
export type AftersalesOptions = Json<'/api/v1/aftersales/options', 'get'>;
export type AftersalesSummary = Json<'/api/v1/aftersales/requests', 'get'>['items'][number];
export type NewAftersales = NonNullable<
  paths['/api/v1/aftersales/requests']['post']['requestBody']
>['content']['application/json'];
export type Carrier = NonNullable<
  paths['/api/v1/aftersales/requests/{id}/return-shipment']['post']['requestBody']
>['content']['application/json']['carrier'];
export type MyReview = Json<'/api/v1/me/reviews', 'get'>['items'][number];
export type ProductReview = Json<'/api/v1/products/{id}/reviews', 'get'>['items'][number];

export const CARRIERS: Carrier[] = ['sf', 'zto', 'yto', 'sto', 'yunda', 'jd', 'ems', 'sandbox'];
