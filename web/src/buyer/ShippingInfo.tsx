import { regionList } from '../common/region-names.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Product } from './types.ts';
import './shipping-info.css';

/**
 * 发货地 · 运费 · 发货时间 on the product page, before the buyer's address is known: the fee of the
 * first unit of its template (or 包邮), the free-over amount, that remote regions pay their own fee,
 * the regions not delivered to, and a pre-sale's ship-by (DOMAIN §2).
 */
export function ShippingInfo({ product: p }: { product: Product }) {
  const { t, money, lang } = useI18n();
  const terms = p.shipping;
  const fee =
    !terms || terms.firstFen === 0
      ? t('buyer.shipping.free')
      : [
          terms.mode === 'weight'
            ? t('buyer.shipping.feeFrom', { fee: money(terms.firstFen) })
            : money(terms.firstFen),
          terms.freeOverFen !== null
            ? t('buyer.shipping.freeOver', { amount: money(terms.freeOverFen) })
            : null,
        ]
          .filter(Boolean)
          .join(' · ');
  return (
    <dl className="shipping-info" aria-label={t('buyer.shipping.title')}>
      {p.shipsFrom ? (
        <div>
          <dt>{t('buyer.shipping.from')}</dt>
          <dd>{p.shipsFrom}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('buyer.shipping.fee')}</dt>
        <dd>
          {fee}
          {terms && terms.remoteCodes.length > 0 ? (
            <small className="hint"> · {t('buyer.shipping.remote')}</small>
          ) : null}
          {terms && terms.excludedCodes.length > 0 ? (
            <small className="hint">
              {' '}
              · {t('buyer.shipping.excluded', { names: regionList(terms.excludedCodes, lang) })}
            </small>
          ) : null}
        </dd>
      </div>
      <div>
        <dt className="visually-hidden">{t('buyer.shipping.title')}</dt>
        <dd>
          {p.presaleShipDays !== null ? (
            <strong className="presale">{t('buyer.shipping.presale', { days: p.presaleShipDays })}</strong>
          ) : (
            t('buyer.shipping.inStock')
          )}
        </dd>
      </div>
    </dl>
  );
}
