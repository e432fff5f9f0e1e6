import { useI18n } from '../../i18n/index.tsx';
import './reputation.css';

/** A product's or shop's public rating (product rules §7.3): visible reviews, stars, good-rating rate. */
export interface RatingView {
  reviews: number;
  /** Stars to one decimal; null without reviews. */
  average: number | null;
  /** Share of 4–5 star reviews in basis points; null without reviews. */
  goodRateBp: number | null;
}

/** The experience score's band (product rules §7.1). */
export type ScoreBandView = 'excellent' | 'good' | 'fair' | 'poor' | 'not_enough_orders';

/** A shop's public reputation on cards and pages. */
export interface ShopReputationView {
  rating: RatingView;
  band: ScoreBandView;
  trustBadge: boolean;
}

/** Stars out of 5 (the average rounded to whole stars), with the average beside them. */
export function StarAverage({ average }: { average: number }) {
  const { t } = useI18n();
  const full = Math.min(5, Math.max(0, Math.round(average)));
  return (
    <span className="rep-stars" role="img" aria-label={t('rep.starsOf', { n: average.toFixed(1) })}>
      <span aria-hidden="true">
        {'★'.repeat(full)}
        {'☆'.repeat(5 - full)}
      </span>
      <b aria-hidden="true">{average.toFixed(1)}</b>
    </span>
  );
}

/** 信任购: the trust badge (product rules §7.2), granted to a shop by its rule. */
export function TrustBadge() {
  const { t } = useI18n();
  return (
    <span className="rep-trust" title={t('rep.trustHint')}>
      {t('rep.trust')}
    </span>
  );
}

/** The score band in words (体验分 优秀 / 良好 / 一般 / 较差); nothing for a shop without enough orders. */
export function ScoreBandChip({ band }: { band: ScoreBandView }) {
  const { t } = useI18n();
  if (band === 'not_enough_orders') return null;
  return (
    <span className={`rep-band rep-band-${band}`} title={t('rep.bandHint')}>
      {t('rep.band', { band: t(`rep.band.${band}`) })}
    </span>
  );
}

/**
 * One line of reputation for a card or a page header: stars and average, good-rating rate, review
 * count, and for a shop its 信任购 badge and score band. `compact` (cards) leaves out the count.
 */
export function ReputationLine({
  rating,
  band,
  trustBadge = false,
  compact = false,
}: {
  rating?: RatingView | null;
  band?: ScoreBandView | null;
  trustBadge?: boolean;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const rated = rating && rating.reviews > 0 && rating.average !== null;
  return (
    <span className={`rep-line${compact ? ' rep-compact' : ''}`} data-testid="reputation">
      {trustBadge ? <TrustBadge /> : null}
      {rated ? (
        <>
          <StarAverage average={rating.average as number} />
          {rating.goodRateBp !== null ? (
            <span className="rep-good">{t('rep.goodRate', { rate: percentOf(rating.goodRateBp) })}</span>
          ) : null}
          {compact ? null : <span className="rep-count">{t('rep.reviews', { n: rating.reviews })}</span>}
        </>
      ) : compact ? null : (
        <span className="rep-count">{t('rep.noReviews')}</span>
      )}
      {band ? <ScoreBandChip band={band} /> : null}
    </span>
  );
}

/** Basis points as a whole percent for buyers (8,250 → "83%"; 9,950 stays "99%" below all-good). */
export function percentOf(bp: number): string {
  const whole = bp >= 10_000 ? 100 : Math.min(99, Math.round(bp / 100));
  return `${whole}%`;
}
