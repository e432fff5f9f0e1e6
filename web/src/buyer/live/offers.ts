import { useEffect, useState } from 'react';
import { clockOffset } from '../../common/countdown.tsx';

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

/** A live-room coupon to claim in place. */
export interface RoomCoupon {
  campaignId: number;
  title: string;
  kind: 'threshold' | 'percent' | 'no_threshold';
  thresholdFen: number;
  discountFen: number;
  percentBp: number;
  capFen: number | null;
  /** this buyer holds one already */
  claimed: boolean;
  /** none left to claim */
  soldOut: boolean;
}

export interface RoomOffers {
  flashSales: RoomFlashSale[];
  coupons: RoomCoupon[];
  /** server time − this device's time, in ms: countdowns read the server's clock */
  clockOffsetMs: number;
  /** marks a coupon claimed without reading the list again */
  markClaimed(campaignId: number): void;
}

export interface OffersSource {
  flashSales(): Promise<{ serverNow: string; flashSales: RoomFlashSale[] }>;
  coupons(): Promise<RoomCoupon[]>;
}

/**
 * The room's flash sales and coupons, read again whenever `version` moves (an `offers` event, a
 * reconnection). A list that cannot be read (not signed in, not offered) is empty, not an error.
 */
export function useRoomOffers(source: OffersSource, version: number): RoomOffers {
  const [flashSales, setFlashSales] = useState<RoomFlashSale[]>([]);
  const [coupons, setCoupons] = useState<RoomCoupon[]>([]);
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
    source.coupons().then(
      (list) => {
        if (live) setCoupons(list);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [version]);
  return {
    flashSales,
    coupons,
    clockOffsetMs,
    markClaimed: (id) =>
      setCoupons((list) => list.map((c) => (c.campaignId === id ? { ...c, claimed: true } : c))),
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
