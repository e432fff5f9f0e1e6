import type { paths } from '../api/client.ts';

type Json<
  P extends keyof paths,
  M extends 'get' | 'post' | 'patch',
  C extends number = 200,
> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends Record<C, { content: { 'application/json': infer T } }>
    ? T
    : never
  : never;

type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type MyShop = Json<'/api/v1/me/shops', 'get'>[number];
export type Balances = Json<'/api/v1/shops/{id}/balances', 'get'>;
export type Governance = Json<'/api/v1/shops/{id}/governance', 'get'>;
export type Violation = Json<'/api/v1/shops/{id}/violations', 'get'>['items'][number];
export type Settlement = Json<'/api/v1/shops/{id}/settlements', 'get'>['items'][number];
export type CategoryNode = Json<'/api/v1/categories', 'get'>[number];
export type Category = CategoryNode['category'];
export type Brand = Json<'/api/v1/brands', 'get'>[number];
export type ProductSummary = Json<'/api/v1/shops/{id}/products', 'get'>['items'][number];
export type Product = Json<'/api/v1/shops/{id}/products/{productId}', 'get'>;
export type ProductState = Product['state'];
export type ProductEvent = Json<'/api/v1/shops/{id}/products/{productId}/events', 'get'>[number];
export type NewProduct = Body<'/api/v1/shops/{id}/products', 'post'>;
export type NewSku = NewProduct['skus'][number];
export type QualificationCode = Category['requiredQualifications'][number];
export type GuaranteeCode = NonNullable<NewProduct['guarantees']>[number];
export type ToShip = Json<'/api/v1/shops/{id}/orders-to-ship', 'get'>['items'][number];
export type ShopOrder = Json<'/api/v1/shops/{id}/orders/{orderId}', 'get'>;
export type Fulfilment = Json<'/api/v1/shops/{id}/orders/{orderId}/shipment', 'get'>;
export type Carrier = Body<'/api/v1/shops/{id}/orders/{orderId}/shipment', 'post'>['carrier'];
export type InboxItem = Json<'/api/v1/shops/{id}/aftersales', 'get'>['items'][number];
export type AftersalesRequest = Json<'/api/v1/aftersales/requests/{id}', 'get'>;
export type Channel = Body<'/api/v1/aftersales/requests/{id}/communications', 'post'>['channel'];
export type LiveSession = Json<'/api/v1/me/live/sessions', 'get'>['items'][number];
export type LiveDetail = Json<'/api/v1/live/sessions/{id}', 'get'>;
export type LiveReminder = Json<'/api/v1/live/reminders', 'get'>['items'][number];
export type Metrics = Json<'/api/v1/shops/{id}/aftersales/metrics', 'get'>;

export const CARRIERS: Carrier[] = ['sf', 'zto', 'yto', 'sto', 'yunda', 'jd', 'ems', 'sandbox'];
export const CHANNELS: Channel[] = ['phone', 'chat', 'sms', 'other'];
export type DashboardData = Json<'/api/v1/shops/{id}/dashboard', 'get'>;
