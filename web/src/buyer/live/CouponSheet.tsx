import { Link } from 'react-router';
import { useAction } from '../../common/hooks.ts';
import { useSession } from '../../common/session.tsx';
import { ErrorMessage, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { RoomCoupon } from './offers.ts';
import { RoomSheet } from './Sheet.tsx';

/** What a coupon takes off, as the apps print it on the ticket: ¥10 · 9折. */
function CouponValue({ coupon: c }: { coupon: RoomCoupon }) {
  const { t } = useI18n();
  if (c.kind === 'percent')
    return (
      <strong className="lr-coupon-value">
        {t('buyer.room.percentOff', { zhe: (10_000 - c.percentBp) / 1000, pct: c.percentBp / 100 })}
      </strong>
    );
  return (
    <strong className="lr-coupon-value">
      <Money fen={c.discountFen} />
    </strong>
  );
}

/** When a coupon applies, in words: 满 ¥99 可用 / 无门槛 / 最多减 ¥20. */
export function couponCondition(
  t: ReturnType<typeof useI18n>['t'],
  money: (fen: number) => string,
  c: RoomCoupon,
): string {
  const parts: string[] = [];
  if (c.kind === 'no_threshold' || c.thresholdFen === 0) parts.push(t('buyer.room.noThreshold'));
  else parts.push(t('buyer.room.threshold', { amount: money(c.thresholdFen) }));
  if (c.kind === 'percent' && c.capFen !== null) parts.push(t('buyer.room.cap', { amount: money(c.capFen) }));
  return parts.join(' · ');
}

/** The room's coupons, claimed in place (the room stays on screen). */
export function CouponSheet({
  sessionId,
  coupons,
  closed,
  claim,
  onClaimed,
  onClose,
}: {
  sessionId: number;
  coupons: RoomCoupon[];
  closed: boolean;
  claim(campaignId: number): Promise<unknown>;
  onClaimed(campaignId: number): void;
  onClose(): void;
}) {
  const { t, money } = useI18n();
  const { account } = useSession();
  const claiming = useAction(async (id: number) => {
    await claim(id);
    onClaimed(id);
  });
  return (
    <RoomSheet title={t('buyer.room.couponsTitle')} onClose={onClose} className="lr-coupons">
      {coupons.length === 0 ? <p className="empty">{t('buyer.room.noCoupons')}</p> : null}
      <ul className="lr-coupon-list" aria-label={t('buyer.room.couponsTitle')}>
        {coupons.map((c) => (
          <li key={c.campaignId} className={`lr-coupon${c.claimed ? ' lr-coupon-claimed' : ''}`}>
            <div className="lr-coupon-left">
              <CouponValue coupon={c} />
              <small>{couponCondition(t, money, c)}</small>
            </div>
            <div className="lr-coupon-mid">
              <span className="lr-coupon-title" data-user-text>
                {c.title}
              </span>
              <small>{t('buyer.room.couponScope')}</small>
            </div>
            {c.claimed ? (
              <span className="lr-coupon-state" role="status">
                {t('buyer.room.claimed')}
              </span>
            ) : c.soldOut ? (
              <span className="lr-coupon-state">{t('buyer.room.couponGone')}</span>
            ) : account ? (
              <button
                type="button"
                className="lr-claim"
                disabled={closed || claiming.busy}
                aria-busy={claiming.busy}
                onClick={() => void claiming.run(c.campaignId)}
                aria-label={t('buyer.room.claimNamed', { title: c.title })}
              >
                {t('buyer.room.claim')}
              </button>
            ) : (
              <Link className="lr-claim" to={`/login?next=/live/${sessionId}`}>
                {t('buyer.room.signInToClaim')}
              </Link>
            )}
          </li>
        ))}
      </ul>
      <ErrorMessage error={claiming.error} />
    </RoomSheet>
  );
}
