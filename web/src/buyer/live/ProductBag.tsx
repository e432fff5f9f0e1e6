import { Link } from 'react-router';
import { formatCountdown } from '../../common/countdown.tsx';
import { Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { OriginalPrice } from '../OriginalPrice.tsx';
import { Thumb } from '../parts.tsx';
import type { LivePin } from '../types.ts';
import { type RoomFlashSale, runningSaleOf } from './offers.ts';
import { RoomSheet } from './Sheet.tsx';

/** Stock as the apps word it: "仅剩 12 件" when few are left. */
export const FEW_LEFT = 50;

export function StockState({ left }: { left: number }) {
  const { t } = useI18n();
  if (left <= 0) return <span className="lr-stock lr-stock-out">{t('buyer.stock.soldOut')}</span>;
  return (
    <span className={`lr-stock${left <= FEW_LEFT ? ' lr-stock-few' : ''}`}>
      {left <= FEW_LEFT ? t('buyer.room.fewLeft', { n: left }) : t('buyer.stock.left', { n: left })}
    </span>
  );
}

/** The price of a pinned product: the flash price (and the usual one struck) while a sale runs. */
export function PinPrice({ pin, sale }: { pin: LivePin; sale: RoomFlashSale | undefined }) {
  const { t } = useI18n();
  if (!sale)
    return (
      <span className="lr-price">
        <Money fen={pin.minPriceFen} />
        <OriginalPrice fen={pin.originalPriceFen} priceFen={pin.minPriceFen} />
      </span>
    );
  return (
    <span className="lr-price">
      <span className="lr-flash-tag">{t('buyer.room.flash')}</span>
      <Money fen={sale.priceFen} />
      <s className="lr-list-price">
        <span className="visually-hidden">{t('buyer.room.listPrice')}</span>
        <Money fen={pin.minPriceFen} />
      </s>
    </span>
  );
}

/** The product bag (小黄车): the pinned products, numbered as the host calls them, each with 抢购. */
export function ProductBag({
  pins,
  featuredProductId,
  flashSales,
  serverNow,
  closed,
  onBuy,
  onClose,
}: {
  pins: LivePin[];
  featuredProductId: number | null;
  flashSales: RoomFlashSale[];
  serverNow: number;
  closed: boolean;
  onBuy(productId: number): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <RoomSheet title={t('buyer.room.bagTitle', { n: pins.length })} onClose={onClose} className="lr-bag">
      {pins.length === 0 ? (
        <p className="empty">{t('buyer.live.noPins')}</p>
      ) : (
        <ul className="lr-bag-list" aria-label={t('buyer.live.pinned')}>
          {pins.map((p, i) => {
            const sale = runningSaleOf(flashSales, p.productId, serverNow);
            const featured = p.productId === featuredProductId;
            return (
              <li key={p.productId} className={`lr-bag-item${featured ? ' lr-bag-featured' : ''}`}>
                <span className="lr-bag-no">{i + 1}</span>
                <Thumb title={p.title} imageUrl={p.imageUrl} />
                <div className="lr-bag-main">
                  <Link to={`/products/${p.productId}`} className="lr-bag-title">
                    {p.title}
                  </Link>
                  <div className="lr-bag-tags">
                    {featured ? (
                      <span className="lr-tag lr-tag-live">{t('buyer.room.presenting')}</span>
                    ) : null}
                    {sale ? (
                      <span className="lr-tag lr-tag-flash" role="timer">
                        {t('buyer.room.flashEndsIn', { time: formatCountdown(sale.endsAtMs - serverNow) })}
                      </span>
                    ) : null}
                  </div>
                  <div className="lr-bag-row">
                    <PinPrice pin={p} sale={sale} />
                    <span aria-live="polite">
                      <StockState left={p.totalStock} />
                    </span>
                  </div>
                </div>
                <button
                  type="button"
                  className="lr-buy"
                  onClick={() => onBuy(p.productId)}
                  disabled={closed || p.totalStock <= 0 || p.productState !== 'listed'}
                  aria-label={t('buyer.live.buyNamed', { title: p.title })}
                >
                  {t('buyer.live.buy')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </RoomSheet>
  );
}
