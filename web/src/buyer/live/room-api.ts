import { useEffect, useMemo, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useApi, useSession } from '../../common/session.tsx';
import type { OffersSource, RoomFlashSale } from './offers.ts';
import type { FollowState } from './TopBar.tsx';

/** The room's calls: its offers (flash sales, coupons), claiming a coupon, sending likes. */
export function useRoomApi(sessionId: number) {
  const api = useApi();
  return useMemo(() => {
    const offers: OffersSource = {
      flashSales: async () => {
        const r = await unwrap(
          api.GET('/api/v1/live/sessions/{id}/flash-sales', { params: { path: { id: sessionId } } }),
        );
        return {
          serverNow: r.serverNow,
          flashSales: r.flashSales
            .filter((s) => s.state === 'running' || s.state === 'scheduled')
            .map(
              (s): RoomFlashSale => ({
                flashSaleId: s.id,
                productId: s.productId,
                skuId: s.skuId,
                priceFen: s.priceFen,
                remaining: s.remaining,
                perBuyerLimit: s.perBuyerLimit,
                startsAtMs: Date.parse(s.startsAt),
                endsAtMs: Date.parse(s.endsAt),
              }),
            ),
        };
      },
      coupons: async () =>
        (await unwrap(api.GET('/api/v1/live/sessions/{id}/coupons', { params: { path: { id: sessionId } } })))
          .items,
    };
    return {
      offers,
      like: (count: number) =>
        unwrap(
          api.POST('/api/v1/live/sessions/{id}/likes', {
            params: { path: { id: sessionId } },
            body: { count },
          }),
        ),
    };
  }, [api, sessionId]);
}

/** 关注 the host: undefined while unknown or signed out (the button shows once the state is known). */
export function useFollowHost(hostUserId: number): FollowState | undefined {
  const api = useApi();
  const { account } = useSession();
  const [following, setFollowing] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!account || account.id === hostUserId) return;
    let live = true;
    void api.GET('/api/v1/hosts/{id}/audience', { params: { path: { id: hostUserId } } }).then(({ data }) => {
      if (live && data) setFollowing(data.following);
    });
    return () => {
      live = false;
    };
  }, [api, account, hostUserId]);
  if (following === undefined || !account) return undefined;
  return {
    following,
    busy,
    toggle: async () => {
      setBusy(true);
      try {
        const params = { params: { path: { id: hostUserId } } };
        const r = await unwrap(
          following
            ? api.DELETE('/api/v1/me/follows/hosts/{id}', params)
            : api.PUT('/api/v1/me/follows/hosts/{id}', params),
        );
        setFollowing(r.following);
      } catch {
        // the button keeps its state; pressing again retries
      } finally {
        setBusy(false);
      }
    },
  };
}
