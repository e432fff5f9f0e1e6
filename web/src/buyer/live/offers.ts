import { useEffect, useState } from 'react';
import { clockOffset } from '../../common/countdown.tsx';
import type { Claimable } from '../../common/coupons/index.ts';

/** A flash sale (秒杀) offered in the room, with the moments on the server's clock. */
export interface RoomFlashSale {
  flashSaleId: number;
  productId: number;
  skuId: number;
  priceFen: number;
  /** units left of the sale's own stock cap */
  remaining: number;
  perBuyerLimit: number;
  startsAtMs: number;
  endsAtMs: number;
}

export interface RoomOffers {
  flashSales: RoomFlashSale[];
  coupons: Claimable[];
  /** server time − this device's time, in ms: countdowns read the server's clock */
  clockOffsetMs: number;
  /** reads the coupons again (after a claim) */
  reloadCoupons(): void;
}

export interface OffersSource {
  flashSales(): Promise<{ serverNow: string; flashSales: RoomFlashSale[] }>;
  coupons(): Promise<Claimable[]>;
}

/**
 * The room's flash sales and coupons, read again whenever `version` moves (an `offers` event, a
 * reconnection). A list that cannot be read (not signed in, not offered) is empty, not an error.
 */
export function useRoomOffers(source: OffersSource, version: number): RoomOffers {
  const [flashSales, setFlashSales] = useState<RoomFlashSale[]>([]);
  const [coupons, setCoupons] = useState<Claimable[]>([]);
  const [couponsRead, setCouponsRead] = useState(0);
  const [clockOffsetMs, setOffset] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when the version moves
  useEffect(() => {
    let live = true;
    const asked = Date.now();
    source.flashSales().then(
      (r) => {
        if (!live) return;
        // the answer's moment is taken as halfway through the round trip
        setOffset(clockOffset(r.serverNow, (asked + Date.now()) / 2));
        setFlashSales(r.flashSales);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [version]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when the version moves or after a claim
  useEffect(() => {
    let live = true;
    source.coupons().then(
      (list) => {
        if (live) setCoupons(list);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [version, couponsRead]);
  return {
    flashSales,
    coupons,
    clockOffsetMs,
    reloadCoupons: () => setCouponsRead((n) => n + 1),
  };
}

/** The flash sale running now for a product (the first by end), if any. */
export function runningSaleOf(
  sales: RoomFlashSale[],
  productId: number,
  serverNow: number,
): RoomFlashSale | undefined {
  return sales
    .filter((s) => s.productId === productId && s.startsAtMs <= serverNow && serverNow < s.endsAtMs)
    .sort((a, b) => a.endsAtMs - b.endsAtMs)[0];
}
