import { Button, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { appliedCoupons, type Quote, type QuoteCoupon } from './quote.ts';

/** At most one platform coupon per order and one shop coupon per shop (DESIGN14: coupon rules). */
const groupOf = (c: Pick<QuoteCoupon, 'funder' | 'shopId'>) =>
  c.funder === 'platform' ? 'platform' : `shop-${c.shopId}`;

/** The coupons after the buyer ticks or unticks one: ticking replaces the other of its group. */
export function toggleCoupon(quote: Quote, applied: number[], coupon: QuoteCoupon): number[] {
  if (applied.includes(coupon.buyerCouponId)) return applied.filter((id) => id !== coupon.buyerCouponId);
  const group = groupOf(coupon);
  const others = applied.filter((id) => {
    const c = quote.coupons.find((x) => x.buyerCouponId === id);
    return !c || groupOf(c) !== group;
  });
  return [...others, coupon.buyerCouponId];
}

/** The coupon row of the order: how much the chosen coupons take off, or why none is used. */
export function CouponSummary({
  quote,
  chosen,
  onOpen,
}: {
  quote: Quote;
  /** the buyer chose (undefined: the best combination picked by the platform) */
  chosen: number[] | undefined;
  onOpen(): void;
}) {
  const { t } = useI18n();
  const usable = quote.coupons.filter((c) => c.usable).length;
  const off = quote.orders.reduce((n, o) => n + o.shopDiscountFen + o.platformDiscountFen, 0);
  return (
    <button type="button" className="quote-pick" onClick={onOpen} aria-label={t('buyer.quote.couponChange')}>
      <span className="quote-pick-label">{t('buyer.quote.coupon')}</span>
      <span className="grow quote-pick-value">
        {off > 0 ? (
          <>
            <span className="quote-off">
              −<Money fen={off} />
            </span>
            {chosen === undefined ? <small className="hint"> {t('buyer.quote.couponBest')}</small> : null}
          </>
        ) : usable > 0 ? (
          <span className="hint">
            {t('buyer.quote.couponNoneChosen')} · {t('buyer.quote.couponUsable', { n: usable })}
          </span>
        ) : (
          <span className="hint">{t('buyer.quote.couponEmpty')}</span>
        )}
      </span>
      <span aria-hidden="true">›</span>
    </button>
  );
}

/**
 * Choosing coupons: platform coupons, then each shop's, the usable ones first with what each would take
 * off this cart; a tick applies at once (the breakdown is quoted again), "不使用优惠券" clears them.
 */
export function CouponPicker({
  quote,
  chosen,
  onChoose,
  onDone,
}: {
  quote: Quote;
  /** the buyer's choice (undefined: what the quote applied, the best combination) */
  chosen: number[] | undefined;
  onChoose(ids: number[]): void;
  onDone(): void;
}) {
  const { t, tEnum } = useI18n();
  // The tick follows the click at once; the breakdown follows when the new quote arrives.
  const current = chosen ?? appliedCoupons(quote);
  const applied = new Set(current);
  const shopName = new Map(quote.orders.map((o) => [o.shopId, o.shopName]));
  const groups = [
    {
      key: 'platform',
      title: t('buyer.quote.couponPlatform'),
      coupons: quote.coupons.filter((c) => c.funder === 'platform'),
    },
    ...[...new Set(quote.coupons.filter((c) => c.funder === 'shop').map((c) => c.shopId))].map((shopId) => ({
      key: `shop-${shopId}`,
      title: `${t('buyer.quote.couponShop')} · ${shopName.get(shopId ?? 0) ?? ''}`,
      coupons: quote.coupons.filter((c) => c.funder === 'shop' && c.shopId === shopId),
    })),
  ].filter((g) => g.coupons.length > 0);
  return (
    <section className="stack" aria-labelledby="coupon-pick-title">
      <h3 id="coupon-pick-title">{t('buyer.quote.couponChange')}</h3>
      {groups.length === 0 ? <p className="hint">{t('buyer.quote.couponEmpty')}</p> : null}
      {groups.map((g) => (
        <fieldset key={g.key} className="coupon-group">
          <legend>{g.title}</legend>
          {[...g.coupons]
            .sort((a, b) => Number(b.usable) - Number(a.usable) || b.discountFen - a.discountFen)
            .map((c) => (
              <label key={c.buyerCouponId} className={`coupon${c.usable ? '' : ' coupon-off'}`}>
                <input
                  type="checkbox"
                  checked={applied.has(c.buyerCouponId)}
                  disabled={!c.usable}
                  onChange={() => onChoose(toggleCoupon(quote, current, c))}
                />
                <span className="grow">
                  <strong>{c.title}</strong>
                  {c.usable ? null : (
                    <small className="hint">
                      {' '}
                      ·{' '}
                      {c.reason
                        ? tEnum('buyer.quote.couponReason.', c.reason, t('buyer.quote.couponUnusable'))
                        : t('buyer.quote.couponUnusable')}
                    </small>
                  )}
                </span>
                {c.usable ? (
                  <span className="quote-off">
                    −<Money fen={c.discountFen} />
                  </span>
                ) : null}
              </label>
            ))}
        </fieldset>
      ))}
      <div className="row">
        <Button kind="secondary" onClick={() => onChoose([])} disabled={applied.size === 0}>
          {t('buyer.quote.couponNone')}
        </Button>
        <Button className="btn btn-primary grow" onClick={onDone}>
          {t('buyer.quote.couponDone')}
        </Button>
      </div>
    </section>
  );
}
