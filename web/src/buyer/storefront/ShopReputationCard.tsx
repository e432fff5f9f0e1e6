import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { FollowButton } from '../audience/index.ts';
import { Thumb } from '../parts.tsx';
import { ReputationLine, type ShopReputationView } from '../reputation/index.ts';
import './storefront.css';

/**
 * The product page's shop card (UX: rating, badge, follow, enter shop): the shop's name links to its
 * page, with its stars, good-rating rate, 信任购 badge and score band under it.
 */
export function ShopReputationCard({
  shopId,
  shopName,
  reputation,
}: {
  shopId: number;
  shopName: string;
  reputation: ShopReputationView | undefined;
}) {
  const { t } = useI18n();
  return (
    <section className="card shop-rep-card" aria-label={t('storefront.shopCard')}>
      <Thumb title={shopName} />
      <div className="shop-rep-text">
        <Link to={`/shops/${shopId}`} className="shop-rep-name">
          <strong data-user-text>{shopName}</strong>
        </Link>
        {reputation ? (
          <ReputationLine
            rating={reputation.rating}
            band={reputation.band}
            trustBadge={reputation.trustBadge}
            compact
          />
        ) : null}
      </div>
      <div className="shop-rep-actions">
        <FollowButton kind="shop" id={shopId} name={shopName} showCount />
        <Link className="btn btn-secondary shop-rep-enter" to={`/shops/${shopId}`}>
          {t('storefront.enter')}
        </Link>
      </div>
    </section>
  );
}
