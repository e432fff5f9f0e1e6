import { useI18n } from '../../i18n/index.tsx';
import { Thumb } from '../parts.tsx';
import { FollowButton } from './FollowButton.tsx';
import './audience.css';

/** The product page's shop card: the shop, its followers and the follow button. */
export function ShopCard({ shopId, shopName }: { shopId: number; shopName: string }) {
  const { t } = useI18n();
  return (
    <section className="card shop-card" aria-label={t('audience.shopCard')}>
      <Thumb title={shopName} />
      <span className="shop-card-name">
        <strong data-user-text>{shopName}</strong>
      </span>
      <FollowButton kind="shop" id={shopId} name={shopName} showCount />
    </section>
  );
}
