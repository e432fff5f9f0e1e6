import { type ReactNode, useEffect, useState } from 'react';
import { Button, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { CheckoutError } from '../CheckoutError.tsx';
import { type CheckoutItem, useCheckout } from '../checkout.ts';
import type { Checkout } from '../types.ts';
import { AddressPicker, AddressSummary } from './AddressPicker.tsx';
import { Breakdown } from './Breakdown.tsx';
import { CouponPicker, CouponSummary } from './CouponPicker.tsx';
import { appliedCoupons, type Quote, useQuote } from './quote.ts';

/**
 * Everything between choosing what to buy and paying, shared by the buy sheet and the checkout page:
 * the delivery address (the default, or another), the coupons (the best combination, another, or
 * none), the breakdown quoted by the server again whenever one of them or a quantity changes, and the
 * sandbox payment of exactly what was shown (the address and the coupons of the last quote).
 */
export function CheckoutPanel({
  items,
  liveSessionId,
  titles,
  showLines = true,
  payLabel,
  onPaid,
  onQuote,
  extra,
}: {
  items: CheckoutItem[];
  liveSessionId?: number | undefined;
  /** the titles of `items`, to name the product a refusal concerns */
  titles: string[];
  /** list the lines in the breakdown (the buy sheet shows its product above instead) */
  showLines?: boolean;
  payLabel: string;
  onPaid(result: Checkout): void;
  /** each new quote (the buy sheet shows the quoted unit price: a flash price) */
  onQuote?(quote: Quote): void;
  /** shown above the pay bar (the sheet's "add to cart") */
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const [view, setView] = useState<'order' | 'address' | 'coupons'>('order');
  const [addressId, setAddressId] = useState<number>();
  const [couponIds, setCouponIds] = useState<number[]>();
  const quoting = useQuote({ items, liveSessionId, addressId, couponIds });
  const checkout = useCheckout();
  const { quote, error, pending } = quoting;
  useEffect(() => {
    if (quote) onQuote?.(quote);
  }, [quote, onQuote]);
  // A chosen coupon that stopped applying (a smaller quantity under its threshold): back to the best.
  useEffect(() => {
    if (error?.code.startsWith('coupon_') && couponIds !== undefined) setCouponIds(undefined);
  }, [error, couponIds]);

  if (view === 'address')
    return (
      <AddressPicker
        chosen={addressId}
        onChoose={(id) => {
          setAddressId(id);
          setView('order');
        }}
        onBack={() => setView('order')}
      />
    );
  if (view === 'coupons' && quote)
    return (
      <CouponPicker
        quote={quote}
        chosen={couponIds}
        onChoose={setCouponIds}
        onDone={() => setView('order')}
      />
    );

  // Pay only what a current quote shows: not while a change waits for its quote, nor after a refusal.
  const blocked =
    !quote ||
    pending ||
    error !== undefined ||
    quote.address === null ||
    quote.orders.some((o) => o.undeliverable !== null);
  return (
    <div className="stack">
      {quote ? <AddressSummary address={quote.address} onOpen={() => setView('address')} /> : null}
      {quote ? <CouponSummary quote={quote} chosen={couponIds} onOpen={() => setView('coupons')} /> : null}
      {quote ? <Breakdown quote={quote} showLines={showLines} /> : null}
      <p className="hint quote-status" aria-live="polite">
        {pending ? t('buyer.quote.updating') : ''}
      </p>
      {!pending && error ? <CheckoutError error={error} titles={titles} /> : null}
      <CheckoutError error={checkout.error} titles={titles} />
      {extra}
      <div className="pay-bar">
        <span className="pay-bar-total">
          {t('buyer.quote.payable')} <Money fen={quote?.payableFen} />
        </span>
        <Button
          className="btn btn-primary grow"
          busy={checkout.busy}
          disabled={blocked}
          onClick={async () => {
            if (!quote) return;
            const done = await checkout.run(items, liveSessionId, {
              addressId,
              couponIds: appliedCoupons(quote),
            });
            if (done) onPaid(done);
          }}
        >
          {payLabel}
        </Button>
      </div>
      <p className="hint">{t('buyer.buy.sandboxHint')}</p>
    </div>
  );
}
