import type { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { LiveShopChip } from '../storefront/index.ts';
import type { LiveSession } from '../types.ts';
import { Avatar, useCount } from './parts.tsx';

export interface FollowState {
  following: boolean;
  busy: boolean;
  toggle(): void;
}

/** The top of the room: the host with 关注, the like total, people watching, and the way out. */
export function TopBar({
  session,
  viewers,
  likes,
  follow,
}: {
  session: LiveSession;
  viewers: number | undefined;
  likes: number | undefined;
  follow: FollowState | undefined;
}) {
  const { t } = useI18n();
  const count = useCount();
  const navigate = useNavigate();
  // back to where the viewer came from; a room opened directly closes to the home page
  const close = (e: MouseEvent) => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) {
      e.preventDefault();
      navigate(-1);
    }
  };
  return (
    <header className="lr-top">
      <div className="lr-host">
        <Avatar name={session.host.displayName} />
        <div className="lr-host-text">
          <span className="lr-host-name" data-user-text>
            {session.host.displayName}
          </span>
          <span className="lr-host-sub">
            {likes !== undefined ? t('buyer.room.likes', { n: count(likes) }) : (session.shop?.name ?? '')}
          </span>
          <LiveShopChip shop={session.shop} />
        </div>
        {follow && !follow.following ? (
          <button
            type="button"
            className="lr-follow"
            onClick={follow.toggle}
            disabled={follow.busy}
            aria-busy={follow.busy}
            aria-label={t('buyer.room.followNamed', { name: session.host.displayName })}
          >
            {t('buyer.room.follow')}
          </button>
        ) : null}
        {follow?.following ? (
          <button
            type="button"
            className="lr-follow lr-following"
            onClick={follow.toggle}
            disabled={follow.busy}
            aria-pressed="true"
            aria-label={t('buyer.room.unfollowNamed', { name: session.host.displayName })}
          >
            {t('buyer.room.following')}
          </button>
        ) : null}
      </div>
      <div className="lr-top-right">
        {viewers !== undefined ? (
          <span className="lr-viewers" role="status">
            {t('buyer.room.viewers', { n: count(viewers) })}
          </span>
        ) : null}
        <Link to="/" className="lr-close" onClick={close} aria-label={t('buyer.room.close')}>
          ×
        </Link>
      </div>
    </header>
  );
}
