import { Link, useSearchParams } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { EmptyState, SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageTitle } from '../parts.tsx';
import { ClaimButton } from './ClaimButton.tsx';
import { CouponCard } from './CouponCard.tsx';
import './coupons.css';

/** /coupons (领券中心): platform and shop coupons open for claims; `?shopId=` narrows to one shop. */
export function CouponCentrePage() {
  const { t } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const [params] = useSearchParams();
  const shopId = Number(params.get('shopId')) || undefined;
  const coupons = useLoad(
    () => unwrap(api.GET('/api/v1/coupons', { params: { query: shopId ? { shopId } : {} } })),
    [api, shopId, account?.id],
  );
  return (
    <section className="stack">
      <PageTitle back>{t('buyer.coupons.centre')}</PageTitle>
      {account ? (
        <Link to="/me/coupons" className="coupon-mine-link">
          {t('buyer.coupons.mine')} ›
        </Link>
      ) : null}
      <SkeletonLoadState loaded={coupons}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title={t('buyer.coupons.emptyCentre')} hint={t('buyer.coupons.emptyCentreHint')} />
          ) : (
            <ul className="plain stack">
              {list.items.map((c) => (
                <li key={c.campaignId}>
                  <CouponCard
                    coupon={c}
                    note={
                      <>
                        {t('coupon.validDays', { days: c.validDays })} ·{' '}
                        {t('buyer.coupons.remaining', { n: c.remaining })}
                        {c.claimed > 0 ? ` · ${t('buyer.coupons.held', { n: c.claimed })}` : ''}
                      </>
                    }
                    action={<ClaimButton coupon={c} onClaimed={coupons.reload} />}
                  />
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
