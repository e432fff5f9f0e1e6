import { useRef } from 'react';
import { idempotencyKey, unwrap } from '../api/client.ts';
import { useAction } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import type { Checkout } from './types.ts';

export interface CheckoutItem {
  skuId: number;
  quantity: number;
}

/** The buyer's choices beside the items: omitted, the default address and the best coupons. */
export interface CheckoutChoice {
  addressId?: number | undefined;
  /** [] for none */
  couponIds?: number[] | undefined;
}

/** Whether the sandbox payment made with the checkout went through. */
export function paymentSucceeded(result: Checkout): boolean {
  return (result.payment as { state?: string } | undefined)?.state === 'succeeded';
}

/**
 * Checkout with the sandbox payment in one call. One idempotency key per intended purchase: a retry
 * after a network failure reuses it (the server answers the first result); a refusal or a success
 * starts a new one, as the next attempt is a different purchase.
 */
export function useCheckout() {
  const api = useApi();
  const key = useRef<string | undefined>(undefined);
  return useAction(async (items: CheckoutItem[], liveSessionId?: number, choice: CheckoutChoice = {}) => {
    key.current ??= idempotencyKey();
    try {
      const result = await unwrap(
        api.POST('/api/v1/checkout', {
          params: { header: { 'idempotency-key': key.current } },
          body: {
            items,
            ...(liveSessionId ? { liveSessionId } : {}),
            ...(choice.addressId !== undefined ? { addressId: choice.addressId } : {}),
            ...(choice.couponIds !== undefined ? { couponIds: choice.couponIds } : {}),
            pay: { method: 'sandbox' },
          },
        }),
      );
      key.current = undefined;
      return result;
    } catch (err) {
      if ((err as { code?: string }).code !== 'network') key.current = undefined;
      throw err;
    }
  });
}
