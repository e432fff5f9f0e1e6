import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { StarAverage, TrustBadge, useShopReputations } from '../reputation/index.ts';
import './storefront.css';

/**
 * The live room's shop line under the host: the shop's 信任购 badge and stars, linking to its page.
 * Nothing for a creator's room without a shop.
 */
export function LiveShopChip({ shop }: { shop: { id: number; name: string } | null | undefined }) {
  const { t } = useI18n();
  const reputations = useShopReputations(shop ? [shop.id] : []);
  if (!shop) return null;
  const r = reputations.data?.get(shop.id);
  return (
    <Link
      className="live-shop-chip"
      to={`/shops/${shop.id}`}
      aria-label={t('storefront.enterNamed', { name: shop.name })}
    >
      {r?.trustBadge ? <TrustBadge /> : null}
      {r && r.rating.average !== null ? <StarAverage average={r.rating.average} /> : null}
      <span>{t('storefront.enter')} ›</span>
    </Link>
  );
}
