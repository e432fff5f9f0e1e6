export {
  percentOf,
  type RatingView,
  ReputationLine,
  ScoreBandChip,
  type ScoreBandView,
  type ShopReputationView,
  StarAverage,
  TrustBadge,
} from './ReputationLine.tsx';
export { useProductReputation, useShopReputations } from './useReputation.ts';
