import { formatCountdown } from '../../common/countdown.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Thumb } from '../parts.tsx';
import type { LivePin } from '../types.ts';
import type { RoomFlashSale } from './offers.ts';
import { PinPrice, StockState } from './ProductBag.tsx';

/**
 * The "讲解中" card that pops up above the bottom bar while the host presents a product; with the
 * flash sale's countdown when one runs for it (on the server's clock, so every viewer sees the same).
 */
export function FeaturedCard({
  pin,
  sale,
  serverNow,
  closed,
  onBuy,
  onDismiss,
}: {
  pin: LivePin;
  sale: RoomFlashSale | undefined;
  serverNow: number;
  closed: boolean;
  onBuy(): void;
  onDismiss(): void;
}) {
  const { t } = useI18n();
  return (
    <section className="lr-featured" aria-label={t('buyer.room.presentingNamed', { title: pin.title })}>
      <div className="lr-featured-pic">
        <Thumb title={pin.title} imageUrl={pin.imageUrl} size="lg" />
        <span className="lr-featured-badge">{t('buyer.room.presenting')}</span>
      </div>
      <div className="lr-featured-main">
        <strong className="lr-featured-title">{pin.title}</strong>
        {sale ? (
          <span className="lr-countdown" role="timer" aria-live="off">
            {t('buyer.room.flashEndsIn', { time: formatCountdown(sale.endsAtMs - serverNow) })}
          </span>
        ) : (
          <StockState left={pin.totalStock} />
        )}
        <div className="lr-featured-row">
          <PinPrice pin={pin} sale={sale} />
          <button
            type="button"
            className="lr-buy"
            onClick={onBuy}
            disabled={closed || pin.totalStock <= 0 || pin.productState !== 'listed'}
            aria-label={t('buyer.room.buyFeatured', { title: pin.title })}
          >
            {t('buyer.live.buy')}
          </button>
        </div>
      </div>
      <button
        type="button"
        className="lr-featured-close"
        onClick={onDismiss}
        aria-label={t('buyer.room.hideFeatured')}
      >
        ×
      </button>
    </section>
  );
}
