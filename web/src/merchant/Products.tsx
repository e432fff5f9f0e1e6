import { useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../shared/hooks.ts';
import { useApi } from '../shared/session.tsx';
import { DateTime, Empty, LoadState, Money, SelectField } from '../shared/ui.tsx';
import { PageHead, ProductStateBadge } from './parts.tsx';
import { useShop } from './shop.tsx';
import type { ProductState } from './types.ts';

const STATES: ProductState[] = ['draft', 'in_review', 'rejected', 'listed', 'delisted', 'blocked'];
const PAGE = 50;

export function ProductList() {
  const { t, tEnum, lang } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [state, setState] = useState<ProductState | ''>('');
  const [offset, setOffset] = useState(0);
  const products = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/products', {
          params: { path: { id: shop.id }, query: { limit: PAGE, offset, ...(state ? { state } : {}) } },
        }),
      ),
    [api, shop.id, state, offset],
  );
  return (
    <section aria-labelledby="products-title">
      <PageHead title={t('merchant.products.title')}>
        <Link className="btn btn-primary" to="/merchant/products/new">
          {t('merchant.products.new')}
        </Link>
      </PageHead>
      <div className="m-inline-form">
        <SelectField
          label={t('merchant.products.filter')}
          name="state"
          value={state}
          onChange={(e) => {
            setState(e.target.value as ProductState | '');
            setOffset(0);
          }}
        >
          <option value="">{t('merchant.products.allStates')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {tEnum('merchant.productState.', s)}
            </option>
          ))}
        </SelectField>
      </div>
      <LoadState loaded={products}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('merchant.products.empty')}</Empty>
          ) : (
            <>
              <table>
                <caption className="visually-hidden">{t('merchant.products.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('merchant.products.col.title')}</th>
                    <th scope="col">{t('common.state')}</th>
                    <th scope="col">{t('merchant.products.col.price')}</th>
                    <th scope="col">{t('merchant.products.col.stock')}</th>
                    <th scope="col">{t('merchant.products.col.guarantees')}</th>
                    <th scope="col">{t('merchant.products.col.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link to={`/merchant/products/${p.id}`}>{p.title}</Link>
                      </td>
                      <td>
                        <ProductStateBadge state={p.state} />
                      </td>
                      <td>
                        <Money fen={p.minPriceFen} />
                      </td>
                      <td>{p.totalStock}</td>
                      <td>
                        {p.guarantees
                          .map((g) => tEnum('merchant.guarantee.', g))
                          .join(lang === 'zh' ? '、' : ', ')}
                      </td>
                      <td>
                        <DateTime value={p.updatedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="row">
                <span className="hint">
                  {t('merchant.pager', {
                    from: page.offset + 1,
                    to: page.offset + page.items.length,
                    total: page.total,
                  })}
                </span>
                {offset > 0 ? (
                  <button
                    type="button"
                    className="btn btn-secondary"
                    onClick={() => setOffset(offset - PAGE)}
                  >
                    {t('merchant.prev')}
                  </button>
                ) : null}
                {page.offset + page.items.length < page.total ? (
                  <button
                    type="button"
                    className="btn btn-secondary"
                    onClick={() => setOffset(offset + PAGE)}
                  >
                    {t('merchant.next')}
                  </button>
                ) : null}
              </div>
            </>
          )
        }
      </LoadState>
    </section>
  );
}
