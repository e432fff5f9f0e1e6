import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ApiError, unwrap } from '../api/client.ts';
import { useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Button, Empty, ErrorMessage, Loading, Money } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { CheckoutResult } from './BuySheet.tsx';
import { type CartLine, useCart } from './cart-store.tsx';
import { CheckoutPanel } from './checkout/CheckoutPanel.tsx';
import { paymentSucceeded } from './checkout.ts';
import { PageTitle, RequireBuyer, Thumb } from './parts.tsx';
import type { Checkout } from './types.ts';

function QuantityInput({ line }: { line: CartLine }) {
  const { t } = useI18n();
  const cart = useCart();
  const id = useId();
  return (
    <span className="row">
      <label htmlFor={id} className="visually-hidden">
        {t('buyer.cart.quantityOf', { title: line.title })}
      </label>
      <input
        id={id}
        className="qty-input"
        type="number"
        min={1}
        max={99}
        value={line.quantity}
        onChange={(e) => cart.setQuantity(line.skuId, Math.max(1, Math.min(99, Number(e.target.value) || 1)))}
      />
    </span>
  );
}

export function CartPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('buyer.cart.title')}>
      <CartView />
    </RequireBuyer>
  );
}

function CartView() {
  const { t } = useI18n();
  const cart = useCart();
  const total = cart.lines.reduce((n, l) => n + l.priceFen * l.quantity, 0);
  return (
    <div className="stack">
      <PageTitle back>{t('buyer.cart.title')}</PageTitle>
      {cart.lines.length === 0 ? (
        <Empty>{t('buyer.cart.empty')}</Empty>
      ) : (
        <>
          <ul className="plain stack">
            {cart.lines.map((l) => (
              <li key={l.skuId} className="card line">
                <Thumb title={l.title} />
                <div className="grow">
                  <Link to={`/products/${l.productId}`}>{l.title}</Link>
                  <div className="hint">{l.spec}</div>
                  <div className="row">
                    <Money fen={l.priceFen} />
                    <QuantityInput line={l} />
                    <Button kind="link" onClick={() => cart.remove([l.skuId])}>
                      {t('buyer.cart.remove')}
                    </Button>
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <div className="sticky-bar">
            <span>
              {t('common.total')} <Money fen={total} />
              <small className="hint cart-note">{t('buyer.quote.cartNote')}</small>
            </span>
            <Link className="btn btn-primary" to="/checkout">
              {t('buyer.cart.checkout')}
            </Link>
          </div>
        </>
      )}
    </div>
  );
}

export function CheckoutPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('buyer.checkout.title')}>
      <CheckoutView />
    </RequireBuyer>
  );
}

/** Lines to buy: the "buy now" product from the address, else the cart. */
function useCheckoutLines(): { lines: CartLine[] | undefined; fromCart: boolean; error?: ApiError } {
  const api = useApi();
  const cart = useCart();
  const [params] = useSearchParams();
  const productId = Number(params.get('product'));
  const skuId = Number(params.get('sku'));
  const qty = Math.max(1, Number(params.get('qty')) || 1);
  const product = useLoad(
    () =>
      productId
        ? unwrap(api.GET('/api/v1/products/{id}', { params: { path: { id: productId } } }))
        : Promise.resolve(undefined),
    [api, productId],
  );
  if (!productId) return { lines: cart.lines, fromCart: true };
  const p = product.data;
  const sku = p?.skus.find((s) => s.id === skuId);
  return {
    lines:
      p && sku
        ? [{ skuId, productId, title: p.title, spec: sku.spec, priceFen: sku.priceFen, quantity: qty }]
        : undefined,
    fromCart: false,
  };
}

function CheckoutView() {
  const { t } = useI18n();
  const cart = useCart();
  const { lines, fromCart, error } = useCheckoutLines();
  const [result, setResult] = useState<Checkout>();
  if (result)
    return (
      <div className="stack">
        <PageTitle>
          {t(paymentSucceeded(result) ? 'buyer.checkout.paidTitle' : 'buyer.checkout.placed')}
        </PageTitle>
        <CheckoutResult result={result} />
        <Link to="/orders">{t('buyer.orders.all')}</Link>
      </div>
    );
  if (!lines) return error ? <ErrorMessage error={error} /> : <Loading />;
  return (
    <div className="stack">
      <PageTitle back>{t('buyer.checkout.title')}</PageTitle>
      {lines.length === 0 ? (
        <Empty>{t('buyer.cart.empty')}</Empty>
      ) : (
        <CheckoutPanel
          items={lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity }))}
          titles={lines.map((l) => l.title)}
          payLabel={t('buyer.checkout.submit')}
          onPaid={(done) => {
            if (fromCart) cart.remove(lines.map((l) => l.skuId));
            setResult(done);
          }}
          extra={
            <div className="row">
              <span>{t('buyer.checkout.payMethod')}</span>
              <strong>{t('buyer.checkout.sandbox')}</strong>
            </div>
          }
        />
      )}
    </div>
  );
}
