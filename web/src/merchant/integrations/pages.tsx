import { useMemo } from 'react';
import { useApi, useSession } from '../../common/session.tsx';
import { useShop } from '../shop.tsx';
import { WebhooksScopeProvider } from './scope.tsx';
import { WebhooksSection } from './WebhooksPage.tsx';
import { opsWebhooksApi, shopWebhooksApi } from './webhooks-api.ts';

/** /merchant/webhooks/*: the shop's endpoints; the owner writes, staff read. */
export function ShopWebhooksPage() {
  const api = useApi();
  const { shop } = useShop();
  const value = useMemo(
    () => ({
      api: shopWebhooksApi(api, shop.id),
      base: '/merchant/webhooks',
      canWrite: shop.role === 'owner',
      platform: false,
    }),
    [api, shop.id, shop.role],
  );
  return (
    <WebhooksScopeProvider key={shop.id} value={value}>
      <WebhooksSection />
    </WebhooksScopeProvider>
  );
}

/** /ops/webhooks/*: the platform's endpoints (every shop's events and the platform's own). */
export function OpsWebhooksPage() {
  const api = useApi();
  const { account } = useSession();
  const canWrite = account?.opsRoles.some((r) => r === 'rule_admin' || r === 'super_admin') ?? false;
  const value = useMemo(
    () => ({ api: opsWebhooksApi(api), base: '/ops/webhooks', canWrite, platform: true }),
    [api, canWrite],
  );
  return (
    <WebhooksScopeProvider value={value}>
      <WebhooksSection />
    </WebhooksScopeProvider>
  );
}
