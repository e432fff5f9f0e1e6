import { Link } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { EmptyState, SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, DateTime, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageTitle, RequireBuyer, Thumb } from '../parts.tsx';
import './audience.css';

/** /following (关注): who is live now first (直播中, into the room), then everyone I follow. */
export function FollowingPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('audience.page.title')}>
      <FollowingView />
    </RequireBuyer>
  );
}

function FollowingView() {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const data = useLoad(async () => {
    const [follows, live] = await Promise.all([
      unwrap(api.GET('/api/v1/me/follows', { params: { query: { limit: 100 } } })),
      unwrap(api.GET('/api/v1/me/following/live')),
    ]);
    return { follows, live: live.items };
  }, [api]);
  const unfollow = useAction(async (kind: 'shop' | 'host', id: number, name: string) => {
    const path = { params: { path: { id } } };
    await unwrap(
      kind === 'shop'
        ? api.DELETE('/api/v1/me/follows/shops/{id}', path)
        : api.DELETE('/api/v1/me/follows/hosts/{id}', path),
    );
    toast.success(t('audience.unfollowedToast', { name }));
    data.reload();
  });
  return (
    <div className="stack">
      <PageTitle>{t('audience.page.title')}</PageTitle>
      <SkeletonLoadState loaded={data}>
        {({ follows, live }) => {
          // A followed shop or host is live when one of the sessions on air is theirs.
          const liveOf = (kind: 'shop' | 'host', id: number) =>
            live.find((s) => (kind === 'shop' ? s.shop?.id === id : s.host.userId === id));
          const items = [...follows.items].sort(
            (a, b) => Number(!!liveOf(b.kind, b.id)) - Number(!!liveOf(a.kind, a.id)),
          );
          if (items.length === 0 && live.length === 0)
            return (
              <EmptyState
                title={t('audience.empty')}
                hint={t('audience.emptyHint')}
                action={{ label: t('audience.emptyAction'), to: '/' }}
              />
            );
          return (
            <>
              {live.length ? (
                <section className="stack" aria-labelledby="live-now">
                  <h2 id="live-now">{t('audience.page.liveNow')}</h2>
                  <ul className="followed-list">
                    {live.map((s) => (
                      <li key={s.id} className="card followed-item">
                        <Thumb title={s.shop?.name ?? s.host.displayName} />
                        <span className="followed-body">
                          <Link to={`/live/${s.id}`} aria-label={`${t('audience.enterRoom')}: ${s.title}`}>
                            <span className="live-badge">{t('audience.live')}</span>{' '}
                            <strong data-user-text>{s.title}</strong>
                          </Link>
                          <span className="hint" data-user-text>
                            {s.shop ? s.shop.name : s.host.displayName}
                          </span>
                        </span>
                        <Link className="btn btn-primary follow-btn" to={`/live/${s.id}`}>
                          {t('audience.enterRoom')}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
              <section className="stack" aria-labelledby="followed-all">
                <h2 id="followed-all">{t('audience.page.all')}</h2>
                <ErrorMessage error={unfollow.error} />
                <ul className="followed-list">
                  {items.map((f) => {
                    const session = liveOf(f.kind, f.id);
                    return (
                      <li key={`${f.kind}-${f.id}`} className="card followed-item">
                        <Thumb title={f.name} />
                        <span className="followed-body">
                          <span>
                            {session ? (
                              <>
                                <Link to={`/live/${session.id}`} className="live-badge">
                                  {t('audience.live')}
                                </Link>{' '}
                              </>
                            ) : null}
                            <strong data-user-text>{f.name}</strong>
                          </span>
                          <small className="hint">
                            {t(`audience.kind.${f.kind}`)} · {t('audience.followedAt')}{' '}
                            <DateTime value={f.followedAt} />
                          </small>
                        </span>
                        <Button
                          kind="secondary"
                          busy={unfollow.busy}
                          aria-label={t('audience.unfollowName', { name: f.name })}
                          onClick={() => void unfollow.run(f.kind, f.id, f.name)}
                        >
                          {t('audience.unfollow')}
                        </Button>
                      </li>
                    );
                  })}
                </ul>
              </section>
            </>
          );
        }}
      </SkeletonLoadState>
    </div>
  );
}
