import { Link } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { EmptyState, SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, DateTime } from '../../common/ui.tsx';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { PageTitle, RequireBuyer, Stars } from '../parts.tsx';
import './reports.css';

const TONE = { open: 'warn', upheld: 'good', dismissed: 'neutral' } as const;

/** /me/reports (我的举报): what the buyer reported, newest first, and what the platform decided. */
export function MyReportsPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('report.mine')}>
      <MyReports />
    </RequireBuyer>
  );
}

function MyReports() {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/me/reports', { params: { query: { limit: 50 } } })),
    [api],
  );
  return (
    <div className="stack">
      <PageTitle back>{t('report.mine')}</PageTitle>
      <SkeletonLoadState loaded={list}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('report.mineEmpty')} hint={t('report.mineEmptyHint')} />
          ) : (
            <ul className="plain stack">
              {d.items.map((r) => (
                <li key={r.id} className="card stack my-report" aria-label={t('report.yourReport')}>
                  <div className="row between">
                    <strong>
                      {tEnum('report.subject.', r.subject.type)} · {tEnum('report.reason.', r.reason)}
                    </strong>
                    <Badge tone={TONE[r.state]}>{tEnum('report.state.', r.state)}</Badge>
                  </div>
                  {r.about ? (
                    <blockquote className="report-about">
                      {r.about.authorName ? <span data-user-text>{r.about.authorName}：</span> : null}
                      {r.about.rating ? <Stars rating={r.about.rating} /> : null}
                      <span data-user-text>{r.about.text}</span>
                    </blockquote>
                  ) : (
                    <p className="hint">{t('report.gone')}</p>
                  )}
                  {r.text ? (
                    <p className="hint" data-user-text>
                      {r.text}
                    </p>
                  ) : null}
                  {r.state === 'upheld' && r.effect ? (
                    <p role="status">{t(`report.effect.${r.effect}` as MessageKey)}</p>
                  ) : null}
                  {r.decisionNote ? (
                    <p className="hint">
                      {t('report.noteFrom', { note: '' })}
                      <span data-user-text>{r.decisionNote}</span>
                    </p>
                  ) : null}
                  <small className="hint">
                    {t('report.filedAt', { time: '' })}
                    <DateTime value={r.createdAt} />
                    {r.decidedAt ? (
                      <>
                        {' · '}
                        {t('report.decidedAt', { time: '' })}
                        <DateTime value={r.decidedAt} />
                      </>
                    ) : null}
                  </small>
                  <SubjectLink subject={r.subject} place={r.about?.place ?? null} />
                </li>
              ))}
            </ul>
          )
        }
      </SkeletonLoadState>
    </div>
  );
}

/** Where the reported thing lives: the room, the product page or the shop. */
function SubjectLink({
  subject,
  place,
}: {
  subject: { type: string; id: number };
  place: { type: 'live_session' | 'product'; id: number; title: string } | null;
}) {
  const { t, tEnum } = useI18n();
  const to =
    subject.type === 'live_session'
      ? `/live/${subject.id}`
      : subject.type === 'product'
        ? `/products/${subject.id}`
        : subject.type === 'shop'
          ? `/shops/${subject.id}`
          : place
            ? place.type === 'live_session'
              ? `/live/${place.id}`
              : `/products/${place.id}`
            : null;
  if (!to) return null;
  return place ? (
    <Link to={to} data-user-text>
      {place.title}
    </Link>
  ) : (
    <Link to={to}>{t('report.view', { what: tEnum('report.subject.', subject.type) })}</Link>
  );
}
