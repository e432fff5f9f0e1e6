import { useRef } from 'react';
import { idempotencyKey, unwrap } from '../../api/client.ts';
import type { Claimable } from '../../common/coupons/index.ts';
import { useToast } from '../../common/feedback.tsx';
import { useAction } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';

/**
 * 领取 (or why not: 已抢光, 已领取, 开播后可领 …) for a claimable coupon. One Idempotency-Key per tap
 * (a retry of a lost answer reuses it); afterwards `onClaimed` refetches the list.
 */
export function ClaimButton({ coupon, onClaimed }: { coupon: Claimable; onClaimed(): void }) {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { account } = useSession();
  const key = useRef(idempotencyKey());
  const claim = useAction(async () => {
    const done = await unwrap(
      api.POST('/api/v1/coupons/{campaignId}/claim', {
        params: { path: { campaignId: coupon.campaignId }, header: { 'idempotency-key': key.current } },
        body: {},
      }),
    );
    key.current = idempotencyKey();
    toast.success(t('buyer.coupons.claimedToast'));
    onClaimed();
    return done;
  });
  const refusal = account ? coupon.refusal : coupon.remaining === 0 ? 'coupon_sold_out' : null;
  const label = (() => {
    switch (refusal) {
      case null:
        return undefined;
      case 'coupon_claim_limit':
        return t('buyer.coupons.claimed');
      case 'coupon_sold_out':
        return t('buyer.coupons.soldOut');
      case 'coupon_not_started':
        return t('buyer.coupons.notStarted', { time: dateTime(coupon.claimStartsAt) });
      case 'live_not_live':
        return t('buyer.coupons.notLive');
      case 'coupon_expired':
        return t('buyer.coupons.closed');
      default:
        return t('buyer.coupons.unavailable');
    }
  })();
  if (label) return <span className="coupon-state">{label}</span>;
  return (
    <>
      <Button
        busy={claim.busy}
        aria-label={t('buyer.coupons.claimNamed', { title: coupon.title })}
        onClick={() => void claim.run()}
      >
        {coupon.claimed > 0 ? t('buyer.coupons.claimAgain') : t('buyer.coupons.claim')}
      </Button>
      <ErrorMessage error={claim.error} />
    </>
  );
}
