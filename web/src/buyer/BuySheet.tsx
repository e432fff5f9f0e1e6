// The live room (H7's rewrite) and the product page open BuySheet; its props stay compatible:
// productId, liveSessionId?, stock?, onClose, onPaid? (skuId? and quantity? are new and optional).
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useLoad } from '../common/hooks.ts';
import { useApi, useSession } from '../common/session.tsx';
import { Button, LoadState, LoginForm, Money } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useCart } from './cart-store.tsx';
import { LinePrice } from './checkout/Breakdown.tsx';
import { CheckoutPanel } from './checkout/CheckoutPanel.tsx';
import type { Quote, QuoteLine } from './checkout/quote.ts';
import { paymentSucceeded } from './checkout.ts';
import { Thumb } from './parts.tsx';
import type { Checkout, Product } from './types.ts';

/** SKU choice and quantity, shared by the live room's buy sheet and the product page. */
export function SkuPicker({
  product,
  skuId,
  onSku,
  quantity,
  onQuantity,
  stock,
}: {
  product: Product;
  skuId: number | undefined;
  onSku(id: number): void;
  quantity: number;
  onQuantity(q: number): void;
  /** live stock per SKU (from the room's updates), over the stock loaded with the product */
  stock?: Record<number, number>;
}) {
  const { t, money } = useI18n();
  const qtyId = useId();
  const sku = product.skus.find((s) => s.id === skuId);
  const left = sku ? (stock?.[sku.id] ?? sku.stock) : 0;
  const max = Math.max(1, Math.min(left, sku?.purchaseLimit ?? Number.POSITIVE_INFINITY, 99));
  return (
    <div className="stack">
      <fieldset className="sku-picker">
        <legend>{t('buyer.buy.sku')}</legend>
        {product.skus.map((s) => {
          const n = stock?.[s.id] ?? s.stock;
          return (
            <label key={s.id} className={`sku-option${s.id === skuId ? ' sku-selected' : ''}`}>
              <input
                type="radio"
                name={`sku-${product.id}`}
                value={s.id}
                checked={s.id === skuId}
                disabled={n <= 0}
                onChange={() => onSku(s.id)}
              />
              <span>{s.spec}</span>
              <span className="sku-meta">
                {money(s.priceFen)} · {n > 0 ? t('buyer.stock.left', { n }) : t('buyer.stock.soldOut')}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="qty-row">
        <label htmlFor={qtyId}>{t('common.quantity')}</label>
        <button
          type="button"
          className="qty-btn"
          aria-label={t('buyer.buy.less')}
          onClick={() => onQuantity(Math.max(1, quantity - 1))}
          disabled={quantity <= 1}
        >
          −
        </button>
        <input
          id={qtyId}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          value={quantity}
          onChange={(e) => onQuantity(Math.max(1, Math.min(max, Number(e.target.value) || 1)))}
        />
        <button
          type="button"
          className="qty-btn"
          aria-label={t('buyer.buy.more')}
          onClick={() => onQuantity(Math.min(max, quantity + 1))}
          disabled={quantity >= max}
        >
          +
        </button>
        {sku?.purchaseLimit ? (
          <small className="hint">{t('buyer.buy.limit', { n: sku.purchaseLimit })}</small>
        ) : null}
      </div>
    </div>
  );
}

/** The result of a checkout: paid (with the order) or placed and waiting for payment. */
export function CheckoutResult({ result }: { result: Checkout }) {
  const { t } = useI18n();
  const paid = paymentSucceeded(result);
  return (
    <div className={paid ? 'notice' : 'error'} role="status">
      <strong>{paid ? t('buyer.checkout.paid') : t('buyer.checkout.unpaid')}</strong>
      <p>
        {t('buyer.checkout.total')} <Money fen={result.totalFen} />
      </p>
      <ul className="plain">
        {result.orders.map((o) => (
          <li key={o.id}>
            <Link to={`/orders/${o.id}`}>{t('buyer.checkout.viewOrder', { id: o.id })}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Buy in place: a sheet over the live room or the product page with the SKUs, quantity, delivery
 * address, coupons, the price breakdown (shipping, discounts, pre-sale promise) and the sandbox payment.
 * Props kept for the live room (H7): `productId`, `liveSessionId`, `stock`, `onClose`, `onPaid`; the
 * product page passes the SKU and quantity already picked (`skuId`, `quantity`).
 */
export function BuySheet({
  productId,
  liveSessionId,
  stock,
  skuId: initialSku,
  quantity: initialQuantity = 1,
  onClose,
  onPaid,
}: {
  productId: number;
  liveSessionId?: number;
  stock?: Record<number, number>;
  skuId?: number | undefined;
  quantity?: number;
  onClose(): void;
  onPaid?(result: Checkout): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const cart = useCart();
  const product = useLoad(
    () => unwrap(api.GET('/api/v1/products/{id}', { params: { path: { id: productId } } })),
    [api, productId],
  );
  const [skuId, setSkuId] = useState<number | undefined>(initialSku);
  const [quantity, setQuantity] = useState(initialQuantity);
  const [result, setResult] = useState<Checkout>();
  const [added, setAdded] = useState(false);
  const [quoted, setQuoted] = useState<QuoteLine>();
  const titleId = useId();
  useEffect(() => {
    const first = product.data?.skus.find((s) => (stock?.[s.id] ?? s.stock) > 0);
    if (first && skuId === undefined) setSkuId(first.id);
  }, [product.data, stock, skuId]);
  const items = useMemo(() => (skuId ? [{ skuId, quantity }] : []), [skuId, quantity]);
  const onQuote = useCallback(
    (q: Quote) => setQuoted(q.orders.flatMap((o) => o.lines).find((l) => l.skuId === skuId)),
    [skuId],
  );
  // A modal sheet: focus moves into it, Escape closes it, and focus returns to the button that opened it.
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="sheet-backdrop">
      <div className="sheet" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <button
          ref={closeRef}
          type="button"
          className="close-btn sheet-close"
          onClick={onClose}
          aria-label={t('common.close')}
        >
          ×
        </button>
        <LoadState loaded={product}>
          {(p) => {
            const sku = p.skus.find((s) => s.id === skuId);
            const line = quoted?.skuId === skuId ? quoted : undefined;
            return (
              <div className="stack">
                <div className="row sheet-head">
                  <Thumb title={p.title} imageUrl={p.imageUrl} />
                  <div className="grow">
                    <h2 id={titleId}>{p.title}</h2>
                    {line ? <LinePrice line={line} /> : <Money fen={sku?.priceFen ?? 0} />}
                  </div>
                </div>
                {result ? (
                  <CheckoutResult result={result} />
                ) : !account ? (
                  <LoginForm />
                ) : (
                  <>
                    <SkuPicker
                      product={p}
                      skuId={skuId}
                      onSku={setSkuId}
                      quantity={quantity}
                      onQuantity={setQuantity}
                      stock={stock}
                    />
                    <CheckoutPanel
                      items={items}
                      liveSessionId={liveSessionId}
                      titles={[p.title]}
                      showLines={false}
                      payLabel={t('buyer.buy.payNow')}
                      onQuote={onQuote}
                      onPaid={(done) => {
                        setResult(done);
                        onPaid?.(done);
                      }}
                      extra={
                        <>
                          {added ? (
                            <p className="notice" role="status">
                              {t('buyer.cart.added')}
                            </p>
                          ) : null}
                          <Button
                            kind="secondary"
                            disabled={!sku}
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
                        </>
                      }
                    />
                  </>
                )}
              </div>
            );
          }}
        </LoadState>
      </div>
    </div>
  );
}
