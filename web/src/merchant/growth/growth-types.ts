import type { paths } from '../../api/client.ts';

/** The shop's growth page as GET /shops/:id/growth answers it. */
export type Growth =
  paths['/api/v1/shops/{id}/growth']['get']['responses']['200']['content']['application/json'];
export type LadderStep = NonNullable<Growth['ladder']>['steps'][number];
export type QuarterResult = NonNullable<Growth['quarter']>;
export type SellerTier = Growth['tiers'][number];
export type Boost = Growth['boosts'][number];

/** Basis points as a percentage for people: 3000 → "30%". */
export const pctOf = (bp: number) => `${bp / 100}%`;
