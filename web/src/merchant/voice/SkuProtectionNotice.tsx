import { unwrap } from '../../api/client.ts';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useShop } from '../shop.tsx';
import './voice.css';

/**
 * 平台主动保障 in force on the shop's SKUs (product rules §8.5): what it does and each SKU's figures.
 * Nothing while none is protected (shown on the after-sales list, the home page and 用户之声).
 */
export function SkuProtectionNotice() {
  const { t, percent } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const active = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/aftersales/sku-protections', {
          params: { path: { id: shop.id }, query: { state: 'active', limit: 20 } },
        }),
      ),
    [api, shop.id],
  );
  const items = active.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div className="v-banner" role="status" data-testid="sku-protection-notice">
      <strong>{t('skuProtection.banner.title')}</strong>
      <p>{t('skuProtection.banner.body')}</p>
      <ul>
        {items.map((p) => (
          <li key={p.id}>
            <span data-user-text>{[p.title, p.spec].filter(Boolean).join(' ')}</span>
            {t('skuProtection.banner.item', {
              item: '',
              rate: percent(p.rateBp / 10_000),
              baseline: percent(p.baselineBp / 10_000),
              n: p.autoApproved,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
