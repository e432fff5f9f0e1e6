import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { EmptyState, SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, DateTime, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageTitle, RequireBuyer } from '../parts.tsx';
import './audience.css';

const PAGE = 20;

/** /messages (消息): the notification inbox; a live_started item opens the room and is marked read. */
export function InboxPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('audience.inbox.title')}>
      <InboxView />
    </RequireBuyer>
  );
}

/** An NPS survey offered after a completed order (surveys' nps_survey notification). */
interface NpsOffered {
  orderId?: number;
  shopName?: string;
}

/** Ops decided a report the buyer filed (reports' report_decided notification). */
interface ReportDecided {
  subjectType?: string;
  state?: 'upheld' | 'dismissed';
  effect?: string | null;
}

/** The platform's care outreach: the compensation given, or the one-tap satisfaction question (care module). */
interface CareNotice {
  caseId?: number;
  orderId?: number;
  kind?: 'coupon' | 'cash';
  amountFen?: number;
}

function CareNoticeText({ kind, notice }: { kind: string; notice: CareNotice }) {
  const { t, money } = useI18n();
  if (kind === 'care_survey')
    return (
      <>
        <strong>{t('care.inbox.surveyTitle')}</strong>
        <span>{t('care.inbox.surveyBody', { orderId: notice.orderId ?? '' })}</span>
      </>
    );
  return (
    <>
      <strong>{t('care.inbox.compTitle')}</strong>
      <span>
        {t(notice.kind === 'cash' ? 'care.inbox.compCash' : 'care.inbox.compCoupon', {
          amount: money(notice.amountFen ?? 0),
        })}
      </span>
    </>
  );
}

interface LiveStarted {
  sessionId?: number;
  title?: string;
  hostName?: string;
  shopName?: string | null;
}

function InboxView() {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const toast = useToast();
  const navigate = useNavigate();
  const [limit, setLimit] = useState(PAGE);
  const inbox = useLoad(
    () => unwrap(api.GET('/api/v1/me/notifications', { params: { query: { limit, offset: 0 } } })),
    [api, limit],
  );
  const markAll = useAction(async () => {
    await unwrap(api.POST('/api/v1/me/notifications/read', { body: { all: true } }));
    toast.success(t('audience.inbox.markedAll'));
    inbox.reload();
  });
  const open = useAction(async (id: number, read: boolean, to: string | undefined) => {
    if (!read) await unwrap(api.POST('/api/v1/me/notifications/read', { body: { ids: [id] } }));
    if (to) navigate(to);
    else inbox.reload();
  });
  return (
    <div className="stack">
      <PageTitle>{t('audience.inbox.title')}</PageTitle>
      <SkeletonLoadState loaded={inbox}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('audience.inbox.empty')} hint={t('audience.inbox.emptyHint')} />
          ) : (
            <>
              <div className="row">
                <span className="hint" role="status">
                  {t('audience.inbox.unread', { n: d.unreadCount })}
                </span>
                {d.unreadCount > 0 ? (
                  <Button kind="secondary" busy={markAll.busy} onClick={() => void markAll.run()}>
                    {t('audience.inbox.markAll')}
                  </Button>
                ) : null}
              </div>
              <ErrorMessage error={markAll.error ?? open.error} />
              <ul className="inbox-list">
                {d.items.map((n) => {
                  const unread = n.readAt === null;
                  const live = n.kind === 'live_started' ? (n.payload as LiveStarted) : undefined;
                  const survey = n.kind === 'nps_survey' ? (n.payload as NpsOffered) : undefined;
                  const care = n.kind.startsWith('care_') ? (n.payload as CareNotice) : undefined;
                  const report = n.kind === 'report_decided' ? (n.payload as ReportDecided) : undefined;
                  const name = live ? live.shopName || live.hostName || '' : '';
                  return (
                    <li key={n.id}>
                      <button
                        type="button"
                        className={`inbox-item${unread ? ' unread' : ''}`}
                        onClick={() =>
                          void open.run(
                            n.id,
                            !unread,
                            live?.sessionId
                              ? `/live/${live.sessionId}`
                              : care?.caseId && n.kind === 'care_survey'
                                ? `/care/${care.caseId}`
                                : survey?.orderId
                                  ? `/orders/${survey.orderId}`
                                  : report
                                    ? '/me/reports'
                                    : undefined,
                          )
                        }
                      >
                        {unread ? (
                          <span
                            className="unread-dot"
                            role="img"
                            aria-label={t('audience.inbox.unreadDot')}
                          />
                        ) : (
                          <span className="read-dot" aria-hidden="true" />
                        )}
                        <span className="inbox-body">
                          {live ? (
                            <>
                              <strong>
                                <span className="live-badge">{t('audience.live')}</span>{' '}
                                {t('audience.inbox.liveStarted', { name })}
                              </strong>
                              <span>{t('audience.inbox.liveStartedBody', { title: live.title ?? '' })}</span>
                            </>
                          ) : care ? (
                            <CareNoticeText kind={n.kind} notice={care} />
                          ) : survey ? (
                            <>
                              <strong>{t('nps.inboxTitle', { shop: survey.shopName ?? '' })}</strong>
                              <span>{t('nps.inboxBody')}</span>
                            </>
                          ) : report ? (
                            <>
                              <strong>{t('report.inboxTitle')}</strong>
                              <span>
                                {report.state === 'upheld'
                                  ? t('report.inboxBody.upheld', {
                                      subject: tEnum('report.subject.', report.subjectType),
                                      effect: tEnum('report.effect.', report.effect),
                                    })
                                  : t('report.inboxBody.dismissed', {
                                      subject: tEnum('report.subject.', report.subjectType),
                                    })}
                              </span>
                            </>
                          ) : (
                            <strong>{t('audience.inbox.other')}</strong>
                          )}
                          <small className="hint">
                            <DateTime value={n.createdAt} />
                          </small>
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
              {d.total > d.items.length ? (
                <Button kind="secondary" onClick={() => setLimit((l) => Math.min(100, l + PAGE))}>
                  {t('audience.more')}
                </Button>
              ) : null}
            </>
          )
        }
      </SkeletonLoadState>
    </div>
  );
}

/** The 消息 menu entry with the unread count. */
export function MessagesLink() {
  const { t } = useI18n();
  const api = useApi();
  const unread = useLoad(
    () => unwrap(api.GET('/api/v1/me/notifications', { params: { query: { limit: 1, unread: true } } })),
    [api],
  );
  const n = unread.data?.unreadCount ?? 0;
  return (
    <Link to="/messages" aria-label={n ? t('audience.inbox.withCount', { n }) : t('audience.inbox.title')}>
      {t('audience.inbox.title')}
      {n ? (
        <span className="menu-count" aria-hidden="true">
          {n}
        </span>
      ) : null}
    </Link>
  );
}
