import { Link, useParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useConfirm, useToast } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Badge, Button, Countdown, DateTime, Empty, ErrorMessage, LoadState, Money } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { AddEvidence, Arbitration, RefundsPaid, ReturnParcel } from './AftersalesActions.tsx';
import { EvidenceImage } from './evidence.tsx';
import { PageTitle, RequireBuyer } from './parts.tsx';
import type { AftersalesRequest, AftersalesSummary } from './types.ts';

type RequestState = AftersalesSummary['state'];

const STATE_TONE: Record<RequestState, string> = {
  pending_merchant: 'warn',
  awaiting_return: 'warn',
  return_shipped: 'warn',
  awaiting_reship: 'warn',
  rejected: 'bad',
  in_arbitration: 'warn',
  refunded: 'ok',
  resolved: 'ok',
  closed: 'neutral',
};
const CANCELLABLE: RequestState[] = ['pending_merchant', 'awaiting_return', 'rejected'];
const OPEN: RequestState[] = ['pending_merchant', 'return_shipped', 'rejected', 'in_arbitration'];

export function RequestStateBadge({ state }: { state: RequestState }) {
  const { tEnum } = useI18n();
  return <Badge tone={STATE_TONE[state]}>{tEnum('buyer.asState.', state)}</Badge>;
}

export function AftersalesListPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('buyer.aftersales.title')}>
      <AftersalesList />
    </RequireBuyer>
  );
}

function AftersalesList() {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/aftersales/requests', { params: { query: { limit: 50 } } })),
    [api],
  );
  return (
    <div className="stack">
      <PageTitle>{t('buyer.aftersales.title')}</PageTitle>
      <LoadState loaded={list}>
        {(d) =>
          d.items.length ? (
            <ul className="plain stack">
              {d.items.map((r) => (
                <li key={r.id}>
                  <Link to={`/aftersales/${r.id}`} className="card card-link order-card">
                    <span className="row between">
                      <strong>{t('buyer.aftersales.number', { id: r.id })}</strong>
                      <RequestStateBadge state={r.state} />
                    </span>
                    <span>
                      {tEnum('buyer.asType.', r.type)} · {tEnum('buyer.asReason.', r.reason)}
                    </span>
                    <span className="row between">
                      <span className="hint">{t('buyer.orders.number', { id: r.orderId })}</span>
                      <Money fen={r.approvedFen ?? r.requestedFen} />
                    </span>
                    {r.deadlineAt ? <Countdown deadline={r.deadlineAt} /> : null}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('buyer.aftersales.none')}</Empty>
          )
        }
      </LoadState>
    </div>
  );
}

export function AftersalesDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().requestId);
  const api = useApi();
  return (
    <RequireBuyer title={t('buyer.aftersales.number', { id })}>
      <AftersalesDetailLoader id={id} api={api} />
    </RequireBuyer>
  );
}

function AftersalesDetailLoader({ id, api }: { id: number; api: ReturnType<typeof useApi> }) {
  const { t } = useI18n();
  const request = useLoad(
    () => unwrap(api.GET('/api/v1/aftersales/requests/{id}', { params: { path: { id } } })),
    [api, id],
  );
  return (
    <div className="stack">
      <PageTitle back>{t('buyer.aftersales.number', { id })}</PageTitle>
      <LoadState loaded={request}>{(r) => <AftersalesDetail request={r} onChange={request.set} />}</LoadState>
    </div>
  );
}

function AftersalesDetail({
  request: r,
  onChange,
}: {
  request: AftersalesRequest;
  onChange(r: AftersalesRequest): void;
}) {
  const { t, tEnum, lang, money } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const path = { params: { path: { id: r.id } } };
  const cancel = useAction(async () => {
    onChange(await unwrap(api.POST('/api/v1/aftersales/requests/{id}/cancel', path)));
    toast.success(t('buyer.withdraw.done'));
  });
  const withdraw = async () => {
    const ok = await confirm({
      title: t('buyer.withdraw.title'),
      body:
        r.type === 'exchange' || r.type === 'resend'
          ? t('buyer.withdraw.bodyNoMoney')
          : t('buyer.withdraw.body', { amount: money(r.requestedFen) }),
      confirmLabel: t('buyer.withdraw.confirm'),
      danger: true,
    });
    if (ok) await cancel.run();
  };
  return (
    <>
      <section className="card stack" aria-label={t('buyer.aftersales.summary')}>
        <div className="row between">
          <RequestStateBadge state={r.state} />
          <Link to={`/orders/${r.orderId}`}>{t('buyer.orders.number', { id: r.orderId })}</Link>
        </div>
        <dl className="facts">
          <dt>{t('buyer.aftersales.type')}</dt>
          <dd>{tEnum('buyer.asType.', r.type)}</dd>
          <dt>{t('buyer.aftersales.reason')}</dt>
          <dd>{lang === 'zh' ? r.reasonLabel.zh : r.reasonLabel.en}</dd>
          {r.line ? (
            <>
              <dt>{t('buyer.aftersales.item')}</dt>
              <dd>
                {r.line.title} · {r.line.spec} × {r.quantity}
              </dd>
            </>
          ) : null}
          <dt>{t('buyer.aftersales.requested')}</dt>
          <dd>
            <Money fen={r.requestedFen} />
          </dd>
          {r.approvedFen !== null ? (
            <>
              <dt>{t('buyer.aftersales.approved')}</dt>
              <dd>
                <Money fen={r.approvedFen} />
              </dd>
            </>
          ) : null}
          {r.description ? (
            <>
              <dt>{t('buyer.aftersales.description')}</dt>
              <dd>{r.description}</dd>
            </>
          ) : null}
        </dl>
        {r.deadlineAt ? (
          <section className="deadline" aria-label={t('common.deadline')}>
            <div className="row">
              <strong>{t('common.deadline')}</strong>
              <DateTime value={r.deadlineAt} />
              <Countdown deadline={r.deadlineAt} />
            </div>
            {r.deadlineExplanation ? (
              <p className="hint">{lang === 'zh' ? r.deadlineExplanation.zh : r.deadlineExplanation.en}</p>
            ) : r.deadlineAction ? (
              <p className="hint">{tEnum('buyer.deadlineAction.', r.deadlineAction)}</p>
            ) : null}
          </section>
        ) : null}
      </section>
      <ReturnParcel request={r} onChange={onChange} />
      <RefundsPaid request={r} />
      <Arbitration request={r} onChange={onChange} />
      <section className="card stack" aria-labelledby="as-timeline">
        <h2 id="as-timeline">{t('buyer.aftersales.timeline')}</h2>
        <ol className="timeline">
          {r.timeline.map((e) => (
            <li key={`${e.at}-${e.toState}-${e.actorKind}`}>
              <div className="row">
                <RequestStateBadge state={e.toState} />
                <small className="hint">
                  {tEnum('buyer.actor.', e.actorKind)} · <DateTime value={e.at} />
                </small>
              </div>
              <p className="explanation">{lang === 'zh' ? e.explanation.zh : e.explanation.en}</p>
            </li>
          ))}
        </ol>
      </section>
      {r.evidence.length ? (
        <section className="card stack" aria-labelledby="as-evidence">
          <h2 id="as-evidence">{t('buyer.aftersales.evidence')}</h2>
          <ul className="plain stack">
            {r.evidence.map((e) => (
              <li key={e.id}>
                <small className="hint">
                  {tEnum('buyer.actor.', e.party)} · <DateTime value={e.at} />
                </small>
                {e.text ? <p>{e.text}</p> : null}
                <div className="previews">
                  {e.fileIds.map((f) => (
                    <EvidenceImage key={f} fileId={f} />
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {OPEN.includes(r.state) ? <AddEvidence request={r} onChange={onChange} /> : null}
      {CANCELLABLE.includes(r.state) ? (
        <div className="stack">
          <Button kind="secondary" busy={cancel.busy} onClick={withdraw}>
            {t('buyer.aftersales.cancel')}
          </Button>
          <ErrorMessage error={cancel.error} />
        </div>
      ) : null}
    </>
  );
}
