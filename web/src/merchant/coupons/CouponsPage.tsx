import { CampaignsScreen } from '../../common/coupons/index.ts';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { useShop } from '../shop.tsx';

/** /merchant/coupons: the shop's coupons (优惠券) — list with issued, total and used; create; stop. */
export function CouponsPage() {
  const { t } = useI18n();
  const { shop } = useShop();
  return (
    <CampaignsScreen
      owner={{ kind: 'shop', shopId: shop.id }}
      head={(filter) => <PageHead title={t('coupon.title.shop')}>{filter}</PageHead>}
    />
  );
}
