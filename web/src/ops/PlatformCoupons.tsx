import { CampaignsScreen } from '../common/coupons/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { PageHead } from './parts.tsx';

/** /ops/coupons: platform coupons (平台券, platform-funded) — list, create, stop. */
export function PlatformCoupons() {
  const { t } = useI18n();
  return (
    <CampaignsScreen
      owner={{ kind: 'platform' }}
      head={(filter) => <PageHead title={t('coupon.title.platform')}>{filter}</PageHead>}
    />
  );
}
