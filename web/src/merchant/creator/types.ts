import type { paths } from '../../api/client.ts';

type Ok<P extends keyof paths> = paths[P]['get'] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type CreatorSession = Ok<'/api/v1/me/live/sessions'>['items'][number];
export type SessionDetail = Ok<'/api/v1/live/sessions/{id}'>;
export type Offer = Ok<'/api/v1/products/commission-offers'>['items'][number];
export type Earning = Ok<'/api/v1/me/commission/earnings'>['items'][number];
export type Withdrawal = Ok<'/api/v1/me/commission/withdrawals'>['items'][number];
