import { useEffect, useRef, useState } from 'react';
import { ApiError, type paths, unwrap } from '../../api/client.ts';
import { useApi } from '../../common/session.tsx';

type QuoteBody = NonNullable<
  paths['/api/v1/checkout/quote']['post']['requestBody']
>['content']['application/json'];
export type Quote = paths['/api/v1/checkout/quote']['post']['responses'][200]['content']['application/json'];
export type QuoteOrder = Quote['orders'][number];
export type QuoteLine = QuoteOrder['lines'][number];
export type QuoteCoupon = Quote['coupons'][number];

export interface QuoteWant {
  items: { skuId: number; quantity: number }[];
  liveSessionId?: number | undefined;
  /** the buyer's choice; undefined: the default address */
  addressId?: number | undefined;
  /** the buyer's choice; undefined: the best combination, []: none */
  couponIds?: number[] | undefined;
}

export function quoteBody(want: QuoteWant): QuoteBody {
  return {
    items: want.items,
    ...(want.liveSessionId ? { liveSessionId: want.liveSessionId } : {}),
    ...(want.addressId !== undefined ? { addressId: want.addressId } : {}),
    ...(want.couponIds !== undefined ? { couponIds: want.couponIds } : {}),
  };
}

/** The coupons a quote applied (what the buyer saw is what checkout redeems). */
export function appliedCoupons(quote: Quote): number[] {
  return quote.orders.flatMap((o) =>
    [o.shopCoupon, o.platformCoupon].flatMap((c) => (c ? [c.buyerCouponId] : [])),
  );
}

export interface Quoting {
  /** the latest answer (kept while the next one is on its way) */
  quote: Quote | undefined;
  error: ApiError | undefined;
  /** a change is waiting for its quote: the amounts shown are not the ones that would be charged */
  pending: boolean;
  reload(): void;
}

const DEBOUNCE_MS = 300;

/**
 * The price breakdown of what the buyer is about to buy (POST /checkout/quote), asked again a moment
 * after the address, coupons or quantities change (a quantity typed digit by digit asks once). The
 * last change wins: an earlier answer arriving late is dropped.
 */
export function useQuote(want: QuoteWant | undefined): Quoting {
  const api = useApi();
  const [quote, setQuote] = useState<Quote>();
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(true);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const key = want && want.items.length > 0 ? JSON.stringify(quoteBody(want)) : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the body's text (key) stands for the want
  useEffect(() => {
    const mine = ++generation.current;
    if (!key) {
      setPending(false);
      return;
    }
    setPending(true);
    const timer = setTimeout(() => {
      unwrap(api.POST('/api/v1/checkout/quote', { body: JSON.parse(key) as QuoteBody })).then(
        (answer) => {
          if (mine !== generation.current) return;
          setQuote(answer);
          setError(undefined);
          setPending(false);
        },
        (err: unknown) => {
          if (mine !== generation.current) return;
          setError(err instanceof ApiError ? err : new ApiError(0, 'internal', String(err)));
          setPending(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, key, tick]);
  return { quote, error, pending, reload: () => setTick((n) => n + 1) };
}
