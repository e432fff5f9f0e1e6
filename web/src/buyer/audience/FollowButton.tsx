import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';

export type FollowKind = 'shop' | 'host';

/** Follower count and whether I follow a shop or host (GET /{shops|hosts}/{id}/audience). */
export function useAudience(kind: FollowKind, id: number) {
  const api = useApi();
  const { account } = useSession();
  return useLoad(
    () =>
      kind === 'shop'
        ? unwrap(api.GET('/api/v1/shops/{id}/audience', { params: { path: { id } } }))
        : unwrap(api.GET('/api/v1/hosts/{id}/audience', { params: { path: { id } } })),
    [api, kind, id, account?.id],
  );
}

/**
 * 关注 / 已关注 for a shop or a host, with the follower count beside it when `showCount`. Signed out,
 * it links to sign-in and back. Used on the product page's shop card and the live room's top bar.
 */
export function FollowButton({
  kind,
  id,
  name,
  showCount = false,
  className = '',
}: {
  kind: FollowKind;
  id: number;
  name: string;
  showCount?: boolean;
  className?: string;
}) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const location = useLocation();
  const { account } = useSession();
  const audience = useAudience(kind, id);
  const [pending, setPending] = useState<boolean>();
  const following = pending ?? audience.data?.following ?? false;
  const toggle = useAction(async () => {
    const follow = !following;
    setPending(follow);
    const path = { params: { path: { id } } };
    const next =
      kind === 'shop'
        ? await unwrap(
            follow
              ? api.PUT('/api/v1/me/follows/shops/{id}', path)
              : api.DELETE('/api/v1/me/follows/shops/{id}', path),
          )
        : await unwrap(
            follow
              ? api.PUT('/api/v1/me/follows/hosts/{id}', path)
              : api.DELETE('/api/v1/me/follows/hosts/{id}', path),
          );
    audience.set(next);
    setPending(undefined);
    if (follow) toast.success(t('audience.followedToast', { name }));
  });
  const count = audience.data ? (
    <small className="follow-count">{t('audience.followers', { n: audience.data.followerCount })}</small>
  ) : null;
  if (!account) {
    return (
      <span className={`follow ${className}`}>
        {showCount ? count : null}
        <Link
          className="btn btn-primary follow-btn"
          to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
          title={t('audience.signInToFollow')}
        >
          {t('audience.follow')}
        </Link>
      </span>
    );
  }
  return (
    <span className={`follow ${className}`}>
      {showCount ? count : null}
      <button
        type="button"
        className={`btn follow-btn ${following ? 'btn-secondary' : 'btn-primary'}`}
        aria-pressed={following}
        aria-label={following ? t('audience.unfollowName', { name }) : t('audience.followName', { name })}
        disabled={toggle.busy || audience.loading}
        onClick={() =>
          void toggle.run().then((r) => {
            if (r === undefined) setPending(undefined);
          })
        }
      >
        {following ? t('audience.following') : t('audience.follow')}
      </button>
      <ErrorMessage error={toggle.error} />
    </span>
  );
}
