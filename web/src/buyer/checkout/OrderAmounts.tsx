import { Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Order } from '../types.ts';
import './checkout.css';

/** Where the order goes, as the buyer chose it when ordering (the order keeps its own copy). */
export function OrderAddress({ address }: { address: Order['address'] }) {
  const { t } = useI18n();
  if (!address) return null;
  return (
    <section className="card stack" aria-labelledby="order-address-title">
      <h2 id="order-address-title">{t('buyer.quote.receiver')}</h2>
      <address className="receiver-lines" data-user-text>
        <strong>{address.recipient}</strong> {address.phone}
        <br />
        {address.regionName} {address.detail}
      </address>
    </section>
  );
}

/** What the order cost: items, shipping, the shop's and the platform's discount, and what was paid. */
export function OrderAmounts({ order: o }: { order: Order }) {
  const { t } = useI18n();
  return (
    <section className="card stack" aria-labelledby="order-amounts-title">
      <h2 id="order-amounts-title">{t('buyer.quote.amounts')}</h2>
      <dl className="quote-rows">
        <dt>{t('buyer.quote.items')}</dt>
        <dd>
          <Money fen={o.itemsFen} />
        </dd>
        <dt>{t('buyer.quote.shipping')}</dt>
        <dd>{o.shippingFen === 0 ? t('buyer.quote.free') : <Money fen={o.shippingFen} />}</dd>
        {o.shopDiscountFen > 0 ? (
          <>
            <dt>{t('buyer.quote.shopDiscount')}</dt>
            <dd className="quote-off">
              −<Money fen={o.shopDiscountFen} />
            </dd>
          </>
        ) : null}
        {o.platformDiscountFen > 0 ? (
          <>
            <dt>{t('buyer.quote.platformDiscount')}</dt>
            <dd className="quote-off">
              −<Money fen={o.platformDiscountFen} />
            </dd>
          </>
        ) : null}
        <dt className="quote-sum">{t('buyer.quote.payable')}</dt>
        <dd className="quote-sum">
          <Money fen={o.totalFen} />
        </dd>
      </dl>
      {o.presaleShipDays !== null ? (
        <p className="quote-presale">{t('buyer.quote.presale', { days: o.presaleShipDays })}</p>
      ) : null}
    </section>
  );
}
