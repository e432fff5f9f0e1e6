import { unwrap } from '../../api/client.ts';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';

/** A product's rating and its shop's reputation (GET /products/{id}/reputation), for the product page. */
export function useProductReputation(productId: number) {
  const api = useApi();
  return useLoad(
    () => unwrap(api.GET('/api/v1/products/{id}/reputation', { params: { path: { id: productId } } })),
    [api, productId],
  );
}

/** Shops' reputations for a list of cards (GET /shop-reputations), by shop id; one request for ≤ 50. */
export function useShopReputations(shopIds: readonly number[]) {
  const api = useApi();
  const ids = [...new Set(shopIds)].slice(0, 50).sort((a, b) => a - b);
  const key = ids.join(',');
  return useLoad(async () => {
    if (!key) return new Map();
    const list = await unwrap(api.GET('/api/v1/shop-reputations', { params: { query: { ids: key } } }));
    return new Map(list.items.map((r) => [r.shopId, r]));
  }, [api, key]);
}
