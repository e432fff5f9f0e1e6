import { Link, useSearchParams } from 'react-router';
import { unwrap } from '../../api/client.ts';
import type { BuyerCoupon } from '../../common/coupons/index.ts';
import { EmptyState, SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageTitle, RequireBuyer } from '../parts.tsx';
import { CouponCard } from './CouponCard.tsx';
import './coupons.css';

type Tab = BuyerCoupon['state'];
const TABS: Tab[] = ['available', 'used', 'expired'];

/** /me/coupons (我的优惠券): tabs 可用 / 已使用 / 已过期; an expired coupon is shown as such at once. */
export function MyCouponsPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('buyer.coupons.mine')}>
      <MyCoupons />
    </RequireBuyer>
  );
}

function MyCoupons() {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const [params] = useSearchParams();
  const tab = TABS.find((s) => s === params.get('state')) ?? 'available';
  const coupons = useLoad(
    () => unwrap(api.GET('/api/v1/me/coupons', { params: { query: { state: tab, limit: 100 } } })),
    [api, tab],
  );
  const note = (c: BuyerCoupon) =>
    c.state === 'used'
      ? t('buyer.coupons.usedAt', { date: dateTime(c.usedAt) })
      : c.state === 'expired'
        ? t('buyer.coupons.expiredAt', { date: dateTime(c.expiresAt) })
        : t('buyer.coupons.expiresAt', { date: dateTime(c.expiresAt) });
  return (
    <section className="stack">
      <PageTitle back>{t('buyer.coupons.mine')}</PageTitle>
      <nav className="order-tabs" aria-label={t('buyer.coupons.tabs')}>
        {TABS.map((s) => (
          <Link key={s} to={`/me/coupons?state=${s}`} aria-current={s === tab ? 'page' : undefined} replace>
            {t(`buyer.coupons.tab.${s}`)}
          </Link>
        ))}
      </nav>
      <SkeletonLoadState loaded={coupons}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState
              title={t(`buyer.coupons.empty.${tab}`)}
              action={{ label: t('buyer.coupons.goCentre'), to: '/coupons' }}
            />
          ) : (
            <ul className="plain stack">
              {page.items.map((c) => (
                <li key={c.id}>
                  <CouponCard coupon={c} note={note(c)} dim={c.state !== 'available'} />
                </li>
              ))}
            </ul>
          )
        }
      </SkeletonLoadState>
      <p className="hint">{t('buyer.coupons.rulesNote')}</p>
    </section>
  );
}
