import { Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Quote, QuoteLine, QuoteOrder } from './quote.ts';
import './checkout.css';

/** A line's unit price: the flash price with its badge and the price it replaces, else the price. */
export function LinePrice({
  line,
}: {
  line: Pick<QuoteLine, 'unitPriceFen' | 'listPriceFen' | 'flashSaleId'>;
}) {
  const { t, money } = useI18n();
  if (line.flashSaleId === null || line.listPriceFen === null || line.listPriceFen <= line.unitPriceFen)
    return <Money fen={line.unitPriceFen} />;
  return (
    <span className="flash-price">
      <span className="flash-tag">{t('buyer.quote.flash')}</span> <Money fen={line.unitPriceFen} />{' '}
      <s className="hint">{t('buyer.quote.listPrice', { amount: money(line.listPriceFen) })}</s>
    </span>
  );
}

/** Shipping as the buyer reads it: 包邮, or the fee (偏远地区 when a remote-region rule set it). */
export function ShippingText({
  order,
}: {
  order: Pick<QuoteOrder, 'shippingFen' | 'shipping' | 'undeliverable'>;
}) {
  const { t } = useI18n();
  if (order.undeliverable !== null)
    return <span className="quote-bad">{t('buyer.quote.undeliverableShort')}</span>;
  if (order.shippingFen === 0) return <>{t('buyer.quote.free')}</>;
  return (
    <>
      {order.shipping?.remote ? <small className="hint">{t('buyer.quote.remote')} </small> : null}
      <Money fen={order.shippingFen} />
    </>
  );
}

function Off({ fen }: { fen: number }) {
  return (
    <span className="quote-off">
      −<Money fen={fen} />
    </span>
  );
}

/**
 * One shop order of a quote: its lines (unless the sheet shows the product already), shipping, the
 * shop's and the platform's discount with the coupon that gave each, and what it costs; the pre-sale
 * promise and an address the shop does not deliver to are said here, before paying.
 */
function OrderBlock({
  order: o,
  regionName,
  showLines,
  last,
}: {
  order: QuoteOrder;
  regionName: string | undefined;
  showLines: boolean;
  last: string;
}) {
  const { t } = useI18n();
  return (
    <section className="quote-order" aria-label={t('buyer.quote.shopOrder', { shop: o.shopName })}>
      {showLines ? (
        <>
          <strong>{o.shopName}</strong>
          <ul className="plain quote-lines">
            {o.lines.map((l) => (
              <li key={`${l.skuId}`} className="quote-line">
                <span className="grow">
                  {l.title}
                  <small className="hint"> {l.spec}</small>
                </span>
                <span className="quote-line-price">
                  <LinePrice line={l} />
                  <small className="hint"> × {l.quantity}</small>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <dl className="quote-rows">
        <dt>{t('buyer.quote.items')}</dt>
        <dd>
          <Money fen={o.itemsFen} />
        </dd>
        <dt>{t('buyer.quote.shipping')}</dt>
        <dd>
          <ShippingText order={o} />
        </dd>
        {o.shopDiscountFen > 0 ? (
          <>
            <dt>
              {t('buyer.quote.shopDiscount')}
              {o.shopCoupon ? <small className="hint"> {o.shopCoupon.title}</small> : null}
            </dt>
            <dd>
              <Off fen={o.shopDiscountFen} />
            </dd>
          </>
        ) : null}
        {o.platformDiscountFen > 0 ? (
          <>
            <dt>
              {t('buyer.quote.platformDiscount')}
              {o.platformCoupon ? <small className="hint"> {o.platformCoupon.title}</small> : null}
            </dt>
            <dd>
              <Off fen={o.platformDiscountFen} />
            </dd>
          </>
        ) : null}
        <dt className="quote-sum">{last}</dt>
        <dd className="quote-sum">
          <Money fen={o.totalFen} />
        </dd>
      </dl>
      {o.presaleShipDays !== null ? (
        <p className="quote-presale">{t('buyer.quote.presale', { days: o.presaleShipDays })}</p>
      ) : null}
      {o.undeliverable !== null ? (
        <p className="error" role="alert">
          {t('buyer.quote.undeliverable', { region: regionName ?? '' })}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The price breakdown of a quote (POST /checkout/quote): per shop order and, for a cart of several
 * shops, in total: items, shipping, 店铺优惠, 平台优惠, 实付.
 */
export function Breakdown({ quote, showLines = true }: { quote: Quote; showLines?: boolean }) {
  const { t } = useI18n();
  const several = quote.orders.length > 1;
  const region = quote.address?.regionName;
  return (
    <section className="card stack quote" aria-label={t('buyer.quote.title')}>
      {quote.orders.map((o) => (
        <OrderBlock
          key={o.shopId}
          order={o}
          regionName={region}
          showLines={showLines}
          last={t(several ? 'buyer.quote.subtotal' : 'buyer.quote.payable')}
        />
      ))}
      {several ? (
        <dl className="quote-rows quote-total">
          <dt>{t('buyer.quote.items')}</dt>
          <dd>
            <Money fen={quote.itemsFen} />
          </dd>
          <dt>{t('buyer.quote.shipping')}</dt>
          <dd>{quote.shippingFen === 0 ? t('buyer.quote.free') : <Money fen={quote.shippingFen} />}</dd>
          {quote.discountFen > 0 ? (
            <>
              <dt>{t('buyer.quote.discount')}</dt>
              <dd>
                <Off fen={quote.discountFen} />
              </dd>
            </>
          ) : null}
          <dt className="quote-sum">{t('buyer.quote.totalPayable')}</dt>
          <dd className="quote-sum">
            <Money fen={quote.payableFen} />
          </dd>
        </dl>
      ) : null}
    </section>
  );
}
