import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Empty, LoadState, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FollowButton } from '../audience/index.ts';
import { CardLink, PageTitle, Thumb } from '../parts.tsx';
import { ReportButton } from '../reports/index.ts';
import { ReputationLine, StarAverage } from '../reputation/index.ts';
import './storefront.css';

type Sort = 'ranked' | 'sales' | 'price_asc' | 'price_desc';
const SORTS: Sort[] = ['ranked', 'sales', 'price_asc', 'price_desc'];

/** /shops/:id (店铺主页): the shop, how buyers rate it, follow, its room if live, and its products. */
export function ShopPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const api = useApi();
  const front = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/storefront', { params: { path: { id } } })),
    [api, id],
  );
  return (
    <LoadState loaded={front}>
      {(f) => (
        <div className="stack">
          <PageTitle back>{f.shop.name}</PageTitle>
          <section className="card stack" aria-label={f.shop.name}>
            <div className="storefront-head">
              <Thumb title={f.shop.name} />
              <div className="storefront-head-text">
                <strong data-user-text>{f.shop.name}</strong>
                <ReputationLine
                  rating={f.reputation.rating}
                  band={f.reputation.band}
                  trustBadge={f.reputation.trustBadge}
                />
                <FollowButton kind="shop" id={f.shop.id} name={f.shop.name} showCount />
                <ReportButton subject={{ type: 'shop', id: f.shop.id }} label={t('report.title.shop')} />
              </div>
            </div>
            {f.shop.description ? <p data-user-text>{f.shop.description}</p> : null}
            {f.liveNow ? (
              <Link className="storefront-live" to={`/live/${f.liveNow.sessionId}`}>
                <LiveNowText viewers={f.liveNow.viewers} />
              </Link>
            ) : null}
          </section>
          <ShopProducts shopId={f.shop.id} />
        </div>
      )}
    </LoadState>
  );
}

function LiveNowText({ viewers }: { viewers: number }) {
  const { t } = useI18n();
  return <>{t('storefront.liveNow', { n: viewers })}</>;
}

/** The shop's listed products, ranked (综合) or by sales or price. */
function ShopProducts({ shopId }: { shopId: number }) {
  const { t } = useI18n();
  const api = useApi();
  const [sort, setSort] = useState<Sort>('ranked');
  const products = useLoad(
    () => unwrap(api.GET('/api/v1/discovery/products', { params: { query: { shopId, sort, limit: 40 } } })),
    [api, shopId, sort],
  );
  return (
    <section className="stack" aria-labelledby="shop-products">
      <h2 id="shop-products">{t('storefront.products')}</h2>
      <fieldset className="storefront-sort" aria-label={t('storefront.sortBy')}>
        {SORTS.map((s) => (
          <button
            key={s}
            type="button"
            className="btn btn-secondary"
            aria-pressed={sort === s}
            onClick={() => setSort(s)}
          >
            {t(`storefront.sort.${s}`)}
          </button>
        ))}
      </fieldset>
      <LoadState loaded={products}>
        {(page) =>
          page.items.length ? (
            <ul className="storefront-grid">
              {page.items.map((p) => (
                <li key={p.id}>
                  <CardLink to={`/products/${p.id}`}>
                    <Thumb title={p.title} imageUrl={p.imageUrl} size="lg" />
                    <span className="storefront-item-title" data-user-text>
                      {p.title}
                    </span>
                    <strong className="price">
                      <Money fen={p.minPriceFen} />
                    </strong>
                    <small className="hint">
                      {t('storefront.sold30', { n: p.recentUnits })}
                      {p.rating !== null && p.ratingCount > 0 ? (
                        <>
                          {' · '}
                          <StarAverage average={p.rating} />
                        </>
                      ) : null}
                    </small>
                  </CardLink>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('storefront.noProducts')}</Empty>
          )
        }
      </LoadState>
    </section>
  );
}
