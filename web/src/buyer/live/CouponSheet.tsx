import type { Claimable } from '../../common/coupons/index.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ClaimButton, CouponCard } from '../coupons/index.ts';
import '../coupons/coupons.css';
import { RoomSheet } from './Sheet.tsx';

/** The room's coupons, claimed in place (the room stays on screen); a claimed one shows 已领取. */
export function CouponSheet({
  coupons,
  onClaimed,
  onClose,
}: {
  coupons: Claimable[];
  onClaimed(): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <RoomSheet title={t('buyer.room.couponsTitle')} onClose={onClose} className="lr-coupons">
      {coupons.length === 0 ? <p className="empty">{t('buyer.room.noCoupons')}</p> : null}
      <ul className="lr-coupon-list" aria-label={t('buyer.room.couponsTitle')}>
        {coupons.map((c) => (
          <li key={c.campaignId}>
            <CouponCard
              coupon={c}
              dim={c.refusal !== null}
              action={<ClaimButton coupon={c} onClaimed={onClaimed} />}
            />
          </li>
        ))}
      </ul>
    </RoomSheet>
  );
}
