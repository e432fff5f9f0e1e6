import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useServerNow } from '../common/countdown.tsx';
import { useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { LoadState, useWording } from '../common/ui.tsx';
import { systemReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { BuySheet } from './BuySheet.tsx';
import { ContactShopButton } from './chat/index.ts';
import { CommentBox, CommentStream, useHeldComments } from './live/Comments.tsx';
import { CouponSheet } from './live/CouponSheet.tsx';
import { FeaturedCard } from './live/FeaturedCard.tsx';
import { LikeButton } from './live/Likes.tsx';
import { LiveVideo } from './live/LiveVideo.tsx';
import { runningSaleOf, useRoomOffers } from './live/offers.ts';
import { ProductBag } from './live/ProductBag.tsx';
import { Avatar } from './live/parts.tsx';
import { useFollowHost, useRoomApi } from './live/room-api.ts';
import { useRoomState } from './live/room-state.ts';
import { TopBar } from './live/TopBar.tsx';
import { ReportButton } from './reports/index.ts';
import './live/live-room.css';
import type { LiveSession } from './types.ts';

export function LiveRoomPage() {
  const id = Number(useParams().id);
  const api = useApi();
  const session = useLoad(
    () => unwrap(api.GET('/api/v1/live/sessions/{id}', { params: { path: { id } } })),
    [api, id],
  );
  return (
    <div className="lr-backdrop">
      <LoadState loaded={session}>{(s) => <LiveRoom key={s.id} initial={s} />}</LoadState>
    </div>
  );
}

type Sheet = 'bag' | 'coupons' | undefined;

/**
 * The live room as the shopping apps have it: vertical and full screen, the video under everything;
 * the host on top, comments floating over the lower part, the presented product's card above the
 * bottom bar (comment box, coupons, the product bag, share, like). Buying opens the buy sheet over
 * the room, attributed to it.
 */
function LiveRoom({ initial }: { initial: LiveSession }) {
  const { t } = useI18n();
  const room = useRoomState(initial);
  const { session, pins, stock, comments, viewers, likes, featuredProductId, offersVersion } = room.state;
  const roomApi = useRoomApi(session.id);
  const offers = useRoomOffers(roomApi.offers, offersVersion);
  const serverNow = useServerNow(offers.clockOffsetMs);
  const follow = useFollowHost(session.host.userId);
  const { held, addHeld } = useHeldComments(session.id);
  const [sheet, setSheet] = useState<Sheet>();
  // what the buy sheet opens on: the product and, during its flash sale, the sale's SKU
  const [buying, setBuying] = useState<{ productId: number; skuId?: number }>();
  // the card hides when the viewer closes it, until the host presents another product
  const [dismissed, setDismissed] = useState<number | null>(null);
  const over = session.state === 'ended' || session.state === 'terminated';
  const closed = session.state !== 'live';
  const featured = pins.find((p) => p.productId === featuredProductId && p.productId !== dismissed);
  const featuredSale = featured ? runningSaleOf(offers.flashSales, featured.productId, serverNow) : undefined;
  const buy = (productId: number) =>
    setBuying({ productId, skuId: runningSaleOf(offers.flashSales, productId, serverNow)?.skuId });
  const shown = useMemo(() => [...comments, ...held].sort((a, b) => a.id - b.id), [comments, held]);
  const claimable = offers.coupons.filter((c) => c.refusal === null).length;
  return (
    <div className={`lr${over ? ' lr-over' : ''}`}>
      <Stage session={session} />
      <div className="lr-shade" aria-hidden="true" />
      <TopBar session={session} viewers={viewers} likes={likes} follow={follow} />
      <div className="lr-sub">
        <h1 className="lr-title" data-user-text>
          {session.title}
        </h1>
        <ReportButton
          subject={{ type: 'live_session', id: session.id }}
          label={t('report.title.live_session')}
        />
        {room.state.connection === 'reconnecting' ? (
          <span className="lr-chip lr-chip-warn" role="status">
            {t('buyer.live.reconnecting')}
          </span>
        ) : null}
        {offers.coupons.length > 0 && !over ? (
          <button
            type="button"
            className="lr-chip lr-chip-coupon"
            onClick={() => setSheet('coupons')}
            aria-haspopup="dialog"
          >
            {t('buyer.room.couponChip')}
            {claimable > 0 ? <span className="lr-chip-count">{claimable}</span> : null}
          </button>
        ) : null}
      </div>
      {over ? <EndCard session={session} /> : null}
      <div className="lr-lower">
        <CommentStream comments={shown} />
        {featured && !over ? (
          <FeaturedCard
            pin={featured}
            sale={featuredSale}
            serverNow={serverNow}
            closed={closed}
            onBuy={() => buy(featured.productId)}
            onDismiss={() => setDismissed(featured.productId)}
          />
        ) : null}
        <div className="lr-bar">
          <button
            type="button"
            className="lr-bag-btn"
            onClick={() => setSheet('bag')}
            aria-haspopup="dialog"
            aria-label={t('buyer.room.bag', { n: pins.length })}
          >
            <CartIcon />
            <span className="lr-bag-count">{pins.length}</span>
          </button>
          {closed ? (
            <span className="lr-comment-box lr-comment-closed">{t(`buyer.liveState.${session.state}`)}</span>
          ) : (
            <CommentBox
              sessionId={session.id}
              onPosted={(c) => (c.state === 'visible' ? room.addComment(c) : addHeld(c))}
            />
          )}
          {session.shop ? (
            <ContactShopButton
              shopId={session.shop.id}
              shopName={session.shop.name}
              context={{ type: 'live', id: session.id }}
              className="lr-chat"
            />
          ) : null}
          <ShareButton title={session.title} />
          {closed ? null : <LikeButton onTap={() => room.addLikes(1)} send={roomApi.like} />}
        </div>
      </div>
      {sheet === 'bag' ? (
        <ProductBag
          pins={pins}
          featuredProductId={featuredProductId}
          flashSales={offers.flashSales}
          serverNow={serverNow}
          closed={closed}
          onBuy={buy}
          onClose={() => setSheet(undefined)}
        />
      ) : null}
      {sheet === 'coupons' ? (
        <CouponSheet
          coupons={offers.coupons}
          onClaimed={offers.reloadCoupons}
          onClose={() => setSheet(undefined)}
        />
      ) : null}
      {buying !== undefined ? (
        <BuySheet
          productId={buying.productId}
          skuId={buying.skuId}
          liveSessionId={session.id}
          stock={stock}
          onClose={() => setBuying(undefined)}
        />
      ) : null}
    </div>
  );
}

/** Under everything: the video, or the placeholder in the host's colours. */
function Stage({ session }: { session: LiveSession }) {
  const { t } = useI18n();
  if (session.streamUrl && session.state === 'live')
    return (
      <section className="lr-stage" aria-label={t('buyer.live.stream')}>
        <LiveVideo url={session.streamUrl} label={t('buyer.live.video')} />
      </section>
    );
  return (
    <section className="lr-stage lr-placeholder" aria-label={t('buyer.live.stream')}>
      <Avatar name={session.host.displayName} size="lg" />
      <p className="lr-stage-note">
        {session.state === 'live' ? t('buyer.live.placeholder') : t(`buyer.liveState.${session.state}`)}
      </p>
    </section>
  );
}

/** Ended or stopped: a clear card where the video was, with the reason when the platform gave one. */
function EndCard({ session }: { session: LiveSession }) {
  const { t } = useI18n();
  const w = useWording();
  return (
    <div className="lr-end" role="alert">
      <strong>{session.state === 'terminated' ? t('buyer.live.stopped') : t('buyer.live.ended')}</strong>
      {session.endReason ? (
        <span> {t('buyer.live.endReason', { reason: systemReason(w, session.endReason) })}</span>
      ) : null}
      <Link to="/" className="lr-end-link">
        {t('buyer.room.moreLive')}
      </Link>
    </div>
  );
}

/** The product bag's cart (小黄车). */
function CartIcon() {
  return (
    <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" focusable="false">
      <path
        d="M3 4h2.2l2.1 10.2a1.6 1.6 0 0 0 1.6 1.3h8.4a1.6 1.6 0 0 0 1.6-1.2L21 7.5H6.1"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="9.5" cy="19.5" r="1.6" fill="currentColor" />
      <circle cx="17" cy="19.5" r="1.6" fill="currentColor" />
    </svg>
  );
}

/** Share: the phone's share sheet, else the room's link copied. */
function ShareButton({ title }: { title: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="lr-round lr-share"
      aria-label={copied ? t('buyer.room.linkCopied') : t('buyer.room.share')}
      onClick={async () => {
        const url = window.location.href;
        try {
          if (navigator.share) await navigator.share({ title, url });
          else {
            await navigator.clipboard.writeText(url);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          }
        } catch {
          // the viewer cancelled the share sheet, or the clipboard is not allowed: nothing to do
        }
      }}
    >
      <span aria-hidden="true">↗</span>
    </button>
  );
}
