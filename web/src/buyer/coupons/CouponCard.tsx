import type { ReactNode } from 'react';
import { type CouponTerms, couponFace, couponRule } from '../../common/coupons/index.ts';
import { useI18n } from '../../i18n/index.tsx';

interface CardCoupon extends CouponTerms {
  title: string;
  funder: 'platform' | 'shop';
  shop: { id: number; name: string } | null;
  liveSessionId: number | null;
}

/**
 * A coupon as the shopping apps draw it: the figure on the left (¥20 / 9折), the rule and who it is
 * from in the middle, an action or state on the right. `dim` greys out used and expired ones.
 */
export function CouponCard({
  coupon,
  note,
  action,
  dim,
}: {
  coupon: CardCoupon;
  note?: ReactNode;
  action?: ReactNode;
  dim?: boolean;
}) {
  const { t, lang, money } = useI18n();
  return (
    <article className={`coupon-card${dim ? ' coupon-card-dim' : ''}`} aria-label={coupon.title}>
      <div className="coupon-face">
        <strong>{couponFace(lang, money, coupon)}</strong>
        <small>{couponRule(t, money, coupon)}</small>
      </div>
      <div className="coupon-body">
        <div className="coupon-title" data-user-text>
          {coupon.title}
        </div>
        <div className="coupon-from">
          {coupon.funder === 'platform' ? (
            t('buyer.coupons.funder.platform')
          ) : (
            <>
              {t(coupon.liveSessionId ? 'buyer.coupons.live' : 'buyer.coupons.funder.shop')} ·{' '}
              <span data-user-text>{coupon.shop?.name}</span>
            </>
          )}
        </div>
        {note ? <div className="coupon-note">{note}</div> : null}
      </div>
      {action ? <div className="coupon-action">{action}</div> : null}
    </article>
  );
}
