import { NavLink, Route, Routes } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { EmptyState, SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, DateTime } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ScheduleForm } from '../Live.tsx';
import { PageHead } from '../parts.tsx';
import { CommissionPage } from './Commission.tsx';
import { OffersPage } from './Offers.tsx';
import { SessionActions } from './SessionControls.tsx';
import { SessionPins } from './SessionPins.tsx';
import type { CreatorSession } from './types.ts';

const NAV = [
  ['', 'merchant.creator.nav.sessions'],
  ['offers', 'merchant.creator.nav.offers'],
  ['commission', 'merchant.creator.nav.commission'],
] as const;

/**
 * The console of a creator (达人) signed in at /merchant: their live sessions with what is pinned,
 * the products they may pin with the commission offered, commission earned and withdrawals.
 */
export function CreatorConsole() {
  const { t } = useI18n();
  return (
    <div className="m-body">
      <nav className="m-nav" aria-label={t('merchant.creator.nav.label')}>
        <p className="hint m-shop-picker">{t('merchant.creator.role')}</p>
        <ul>
          {NAV.map(([path, key]) => (
            <li key={key}>
              <NavLink to={path ? `/merchant/${path}` : '/merchant'} end={path === ''}>
                {t(key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="m-main">
        <Routes>
          <Route index element={<SessionsPage />} />
          <Route path="offers" element={<OffersPage />} />
          <Route path="commission" element={<CommissionPage />} />
          <Route path="*" element={<SessionsPage />} />
        </Routes>
      </main>
    </div>
  );
}

const SESSION_TONE: Record<CreatorSession['state'], string> = {
  scheduled: 'neutral',
  live: 'brand',
  ended: 'neutral',
  terminated: 'bad',
};

/** /merchant for a creator: their sessions, newest first, each with its pinned products. */
function SessionsPage() {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const sessions = useLoad(
    () => unwrap(api.GET('/api/v1/me/live/sessions', { params: { query: { limit: 100 } } })),
    [api],
  );
  return (
    <section>
      <PageHead title={t('merchant.creator.sessions.title')} />
      <ScheduleForm onScheduled={sessions.reload} />
      <SkeletonLoadState loaded={sessions}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState
              title={t('merchant.creator.sessions.empty')}
              hint={t('merchant.creator.sessions.emptyHint')}
              action={{ label: t('merchant.creator.nav.offers'), to: '/merchant/offers' }}
            />
          ) : (
            <div className="stack">
              {page.items.map((s) => (
                <article key={s.id} className="card stack" aria-label={s.title}>
                  <div className="row">
                    <strong data-user-text>{s.title}</strong>
                    <Badge tone={SESSION_TONE[s.state]}>{tEnum('merchant.liveState.', s.state)}</Badge>
                  </div>
                  <p className="hint">
                    {t('merchant.creator.sessions.scheduledAt')} <DateTime value={s.scheduledAt} />
                    {s.startedAt ? (
                      <>
                        {' · '}
                        {t('merchant.creator.sessions.startedAt')} <DateTime value={s.startedAt} />
                      </>
                    ) : null}
                    {s.endedAt ? (
                      <>
                        {' · '}
                        {t('merchant.creator.sessions.endedAt')} <DateTime value={s.endedAt} />
                      </>
                    ) : null}
                  </p>
                  <SessionPins session={s} onChange={sessions.reload} />
                  <SessionActions session={s} onChange={sessions.reload} />
                  {s.state === 'live' ? (
                    <a href={`/live/${s.id}`} target="_blank" rel="noreferrer">
                      {t('merchant.creator.sessions.openRoom')}
                    </a>
                  ) : null}
                </article>
              ))}
            </div>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}
