import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useLoad } from '../common/hooks.ts';
import { useApi, useSession } from '../common/session.tsx';
import { Button, DateTime, Empty, LoadState, Money } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { BuySheet, SkuPicker } from './BuySheet.tsx';
import { useCart } from './cart-store.tsx';
import { ContactShopButton } from './chat/index.ts';
import { FlashSaleBanner } from './FlashSaleBanner.tsx';
import { OriginalPrice } from './OriginalPrice.tsx';
import { ProductGallery } from './ProductGallery.tsx';
import { GuaranteeList, PageTitle, Stars } from './parts.tsx';
import { ReportButton } from './reports/index.ts';
import { ReputationLine, useProductReputation } from './reputation/index.ts';
import { ShippingInfo } from './ShippingInfo.tsx';
import { ShopReputationCard } from './storefront/index.ts';
import type { Product } from './types.ts';

export function ProductPage() {
  const id = Number(useParams().id);
  const api = useApi();
  const product = useLoad(
    () => unwrap(api.GET('/api/v1/products/{id}', { params: { path: { id } } })),
    [api, id],
  );
  return <LoadState loaded={product}>{(p) => <ProductView product={p} />}</LoadState>;
}

function ProductView({ product: p }: { product: Product }) {
  const { t } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const cart = useCart();
  const [skuId, setSkuId] = useState<number>();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  // 立即购买 opens the buy sheet (address, coupons, shipping, breakdown, pay) over the page.
  const [buying, setBuying] = useState(false);
  const reputation = useProductReputation(p.id);
  const reviews = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/products/{id}/reviews', { params: { path: { id: p.id }, query: { limit: 20 } } }),
      ),
    [api, p.id],
  );
  useEffect(() => {
    setSkuId((s) => s ?? p.skus.find((x) => x.stock > 0)?.id);
  }, [p]);
  const sku = p.skus.find((s) => s.id === skuId);
  return (
    <div className="stack">
      <PageTitle back>{p.title}</PageTitle>
      <ProductGallery product={p} />
      <div className="card stack">
        <div className="row">
          <span className="price">
            <Money fen={sku?.priceFen ?? p.skus[0]?.priceFen} />
            <OriginalPrice
              fen={(sku ?? p.skus[0])?.originalPriceFen}
              priceFen={(sku ?? p.skus[0])?.priceFen}
            />
          </span>
          <span className="hint">
            {p.shopName} · {p.categoryName}
            {p.brand ? ` · ${p.brand.name}` : ''}
          </span>
          <ReportButton subject={{ type: 'product', id: p.id }} label={t('report.title.product')} />
        </div>
        {/* the reviews section below says when there are none */}
        {reputation.data && reputation.data.rating.reviews > 0 ? (
          <ReputationLine rating={reputation.data.rating} />
        ) : null}
        <FlashSaleBanner productId={p.id} skuId={skuId} />
        <ShippingInfo product={p} />
        <GuaranteeList guarantees={p.guarantees} />
        {p.description ? <p>{p.description}</p> : null}
      </div>
      <ShopReputationCard shopId={p.shopId} shopName={p.shopName} reputation={reputation.data?.shop} />
      <GuaranteeList guarantees={p.guarantees} explained />
      <section className="card stack" aria-labelledby="buy-title">
        <h2 id="buy-title">{t('buyer.product.buy')}</h2>
        <SkuPicker product={p} skuId={skuId} onSku={setSkuId} quantity={quantity} onQuantity={setQuantity} />
        {added ? (
          <p className="notice" role="status">
            {t('buyer.cart.added')}
          </p>
        ) : null}
        {account ? null : <p className="hint">{t('buyer.product.signInToBuy')}</p>}
        <div className="row">
          <ContactShopButton
            shopId={p.shopId}
            shopName={p.shopName}
            context={{ type: 'product', id: p.id }}
          />
          <Button
            kind="secondary"
            disabled={!sku || !account}
            onClick={() => {
              if (!sku) return;
              cart.add({
                skuId: sku.id,
                productId: p.id,
                title: p.title,
                spec: sku.spec,
                priceFen: sku.priceFen,
                quantity,
              });
              setAdded(true);
            }}
          >
            {t('buyer.cart.add')}
          </Button>
          <Button disabled={!sku} onClick={() => setBuying(true)}>
            {t('buyer.product.buyNow')}
          </Button>
        </div>
      </section>
      {buying ? (
        <BuySheet productId={p.id} skuId={sku?.id} quantity={quantity} onClose={() => setBuying(false)} />
      ) : null}
      <section className="stack" aria-labelledby="reviews-title">
        <h2 id="reviews-title">{t('buyer.product.reviews')}</h2>
        <LoadState loaded={reviews}>
          {(d) =>
            d.items.length ? (
              <ul className="plain stack">
                {d.items.map((r) => (
                  <li key={r.id} className="card">
                    <div className="row">
                      <strong>{r.author.displayName}</strong>
                      <Stars rating={r.rating} />
                      <small className="hint">
                        <DateTime value={r.createdAt} />
                      </small>
                      <ReportButton
                        subject={{ type: 'review', id: r.id }}
                        label={t('report.ofReview', { name: r.author.displayName })}
                        about={r.text}
                      />
                    </div>
                    <p>{r.text}</p>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('buyer.product.noReviews')}</Empty>
            )
          }
        </LoadState>
      </section>
    </div>
  );
}
