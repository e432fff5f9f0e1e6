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
