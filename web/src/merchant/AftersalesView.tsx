import { useState } from 'react';
import { useParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { SkeletonLoadState, useConfirm, useToast } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { durationText, useRulesConfig } from '../common/rules-config.ts';
import { useApi } from '../common/session.tsx';
import {
  Badge,
  Button,
  Countdown,
  DateTime,
  ErrorMessage,
  Form,
  Money,
  SelectField,
  TextArea,
  TextField,
  useWording,
} from '../common/ui.tsx';
import { systemReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { AS_TONE, BackToInbox } from './Aftersales.tsx';
import { PageHead } from './parts.tsx';
import { type AftersalesRequest, CARRIERS, type Carrier, CHANNELS, type Channel } from './types.ts';
import { LinkConversation } from './workstation/LinkConversation.tsx';

/** A request as the merchant sees it: what was asked, the deadline and what happens at it, the explained timeline, and the actions its state allows. */
export function AftersalesView() {
  const { requestId } = useParams();
  const api = useApi();
  const id = Number(requestId);
  const request = useLoad(
    () => unwrap(api.GET('/api/v1/aftersales/requests/{id}', { params: { path: { id } } })),
    [api, id],
  );
  return (
    <SkeletonLoadState loaded={request} rows={8}>
      {(r) => <RequestBody request={r} onChange={request.set} />}
    </SkeletonLoadState>
  );
}

function RequestBody({
  request: r,
  onChange,
}: {
  request: AftersalesRequest;
  onChange(r: AftersalesRequest): void;
}) {
  const { t, tEnum, lang } = useI18n();
  const w = useWording();
  const words = (text: { zh: string; en: string } | null | undefined) => (text ? text[lang] : '');
  return (
    <section>
      <PageHead title={t('merchant.as.requestNo', { id: r.id })}>
        <BackToInbox />
      </PageHead>
      <div className="m-two">
        <div className="stack">
          <div className="card stack">
            <div className="row">
              <Badge tone={AS_TONE[r.state]}>{tEnum('merchant.asState.', r.state)}</Badge>
              <span>{tEnum('merchant.asType.', r.type)}</span>
              <span className="hint">{t('merchant.orders.orderNo', { id: r.orderId })}</span>
            </div>
            <dl className="m-facts">
              <dt>{t('merchant.as.reason')}</dt>
              <dd>{words(r.reasonLabel)}</dd>
              {r.description ? (
                <>
                  <dt>{t('merchant.as.description')}</dt>
                  <dd>{r.description}</dd>
                </>
              ) : null}
              {r.line ? (
                <>
                  <dt>{t('merchant.as.item')}</dt>
                  <dd>
                    {r.line.title} {r.line.spec ? `（${r.line.spec}）` : ''} × {r.quantity} ·{' '}
                    <Money fen={r.line.unitPriceFen} />
                  </dd>
                </>
              ) : null}
              <dt>{t('merchant.as.requested')}</dt>
              <dd>
                <Money fen={r.requestedFen} />
                {r.approvedFen !== null ? (
                  <>
                    {' '}
                    · {t('merchant.as.approved')} <Money fen={r.approvedFen} />
                  </>
                ) : null}
              </dd>
              {r.autoRule ? (
                <>
                  <dt>{t('merchant.as.autoDecision')}</dt>
                  <dd>{tEnum('merchant.autoRule.', r.autoRule, t('merchant.autoRule.other'))}</dd>
                </>
              ) : null}
            </dl>
            {r.deadlineAt ? (
              <div className="m-explain" data-testid="deadline">
                <p>
                  <strong>{t('common.deadline')}</strong> <DateTime value={r.deadlineAt} />{' '}
                  <Countdown deadline={r.deadlineAt} />
                </p>
                <p>
                  {r.deadlineExplanation
                    ? words(r.deadlineExplanation)
                    : tEnum('merchant.deadlineAction.', r.deadlineAction)}
                </p>
              </div>
            ) : null}
            {r.returnShipment ? (
              <div>
                <h3>{t('merchant.as.returnParcel')}</h3>
                <p>
                  {tEnum('merchant.returnState.', r.returnShipment.state)}
                  {r.returnShipment.carrier
                    ? ` · ${tEnum('merchant.carrier.', r.returnShipment.carrier)} ${r.returnShipment.trackingNumber ?? ''}`
                    : ''}
                </p>
                <p className="hint">
                  {t('merchant.as.returnAddress')} {systemReason(w, r.returnShipment.returnAddress)}
                </p>
              </div>
            ) : null}
          </div>
          <Actions request={r} onChange={onChange} />
          <MoneyMoves request={r} />
        </div>
        <div className="card stack">
          <h3>{t('merchant.as.timeline')}</h3>
          <ol className="m-timeline">
            {[...r.timeline].reverse().map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: timeline entries have no id
              <li key={i}>
                <div>
                  <strong>{tEnum('merchant.asState.', e.toState)}</strong>{' '}
                  <small className="hint">
                    <DateTime value={e.at} /> · {tEnum('merchant.actor.', e.actorKind)}
                  </small>
                </div>
                <div>{words(e.explanation)}</div>
              </li>
            ))}
          </ol>
          {r.communications.length > 0 ? (
            <>
              <h3>{t('merchant.as.communications')}</h3>
              <ul>
                {r.communications.map((c) => (
                  <li key={c.id}>
                    {tEnum('merchant.channel.', c.channel)} · <DateTime value={c.at} />: {c.summary}
                    {c.conversationId ? ` · ${t('ws.link.linked')}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {r.evidence.length > 0 ? (
            <>
              <h3>{t('merchant.as.evidence')}</h3>
              <ul>
                {r.evidence.map((e) => (
                  <li key={e.id}>
                    {tEnum('merchant.actor.', e.party)} · <DateTime value={e.at} />: {e.text ?? ''}
                    {e.fileIds.length ? ` ${t('merchant.as.files', { n: e.fileIds.length })}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}

function MoneyMoves({ request: r }: { request: AftersalesRequest }) {
  const { t, tEnum } = useI18n();
  if (r.refunds.length === 0 && r.compensations.length === 0) return null;
  return (
    <div className="card">
      <h3>{t('merchant.as.money')}</h3>
      <ul>
        {r.refunds.map((f) => (
          <li key={f.id}>
            {t('merchant.as.refund')} <Money fen={f.amountFen} /> · {tEnum('merchant.refundState.', f.state)}{' '}
            · {tEnum('merchant.refundSource.', f.source)} · <DateTime value={f.completedAt ?? f.createdAt} />
          </li>
        ))}
        {r.compensations.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: compensations have no id
          <li key={i}>
            {tEnum('merchant.compensationKind.', c.kind, t('merchant.as.compensation'))}{' '}
            <Money fen={c.amountFen} /> · {tEnum('merchant.payer.', c.payer)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Actions({
  request: r,
  onChange,
}: {
  request: AftersalesRequest;
  onChange(r: AftersalesRequest): void;
}) {
  const { t, money } = useI18n();
  const config = useRulesConfig();
  // the extension of the configuration in force (`aftersales.receiptExtensionMs`)
  const extension = config ? durationText(t, config.aftersales.receiptExtensionMs) : '…';
  const api = useApi();
  const ask = useConfirm();
  const toast = useToast();
  const path = { id: r.id };
  const amount = money(r.approvedFen ?? r.requestedFen);
  // Approving a refund pays the buyer at once; approving a return, exchange or resend commits the shop.
  const approval =
    r.type === 'return_refund'
      ? { title: t('merchant.as.confirm.returnTitle'), body: t('merchant.as.confirm.returnBody', { amount }) }
      : r.type === 'exchange'
        ? { title: t('merchant.as.confirm.exchangeTitle'), body: t('merchant.as.confirm.exchangeBody') }
        : r.type === 'resend'
          ? { title: t('merchant.as.confirm.resendTitle'), body: t('merchant.as.confirm.resendBody') }
          : {
              title: t('merchant.as.confirm.refundTitle'),
              body: t('merchant.as.confirm.refundBody', { amount }),
              confirmLabel: t('merchant.as.confirm.refundOk'),
            };
  const approve = useAction(async () => {
    if (!(await ask({ confirmLabel: t('merchant.as.confirm.approveOk'), ...approval, danger: true }))) return;
    const next = await unwrap(api.POST('/api/v1/aftersales/requests/{id}/approve', { params: { path } }));
    onChange(next);
    toast.success(
      next.state === 'refunded'
        ? t('merchant.as.toast.refunded', { amount: money(next.approvedFen ?? next.requestedFen) })
        : t('merchant.as.toast.approved'),
    );
    return next;
  });
  const confirm = useAction(async () => {
    const ok = await ask({
      title: t('merchant.as.confirm.receiptTitle'),
      body:
        r.type === 'exchange'
          ? t('merchant.as.confirm.receiptExchangeBody')
          : t('merchant.as.confirm.receiptBody', { amount }),
      confirmLabel: t('merchant.as.confirmReceipt'),
      danger: r.type !== 'exchange',
    });
    if (!ok) return;
    const next = await unwrap(
      api.POST('/api/v1/aftersales/requests/{id}/confirm-receipt', { params: { path } }),
    );
    onChange(next);
    toast.success(
      next.state === 'refunded'
        ? t('merchant.as.toast.refunded', { amount: money(next.approvedFen ?? next.requestedFen) })
        : t('merchant.as.toast.received'),
    );
    return next;
  });
  const extend = useAction(async () => {
    const next = await unwrap(
      api.POST('/api/v1/aftersales/requests/{id}/extend-receipt', { params: { path } }),
    );
    onChange(next);
    toast.success(t('merchant.as.toast.extended', { window: extension }));
    return next;
  });
  const canApprove = r.state === 'pending_merchant';
  const canReceive = r.state === 'return_shipped';
  const canReject = r.state === 'pending_merchant' || r.state === 'return_shipped';
  if (!canApprove && !canReceive && r.state !== 'awaiting_reship' && r.state !== 'in_arbitration')
    return <p className="hint">{t('merchant.as.nothingToDo')}</p>;
  return (
    <div className="card stack">
      <h3>{t('merchant.as.actions')}</h3>
      {canApprove ? (
        <div className="row">
          <Button onClick={() => void approve.run()} busy={approve.busy}>
            {r.type === 'return_refund' || r.type === 'exchange'
              ? t('merchant.as.approveReturn')
              : t('merchant.as.approve')}
          </Button>
          <ErrorMessage error={approve.error} />
        </div>
      ) : null}
      {canReceive ? (
        <div className="row">
          <Button onClick={() => void confirm.run()} busy={confirm.busy}>
            {t('merchant.as.confirmReceipt')}
          </Button>
          {!r.receiptExtended ? (
            <Button kind="secondary" onClick={() => void extend.run()} busy={extend.busy}>
              {t('merchant.as.extendReceipt', { window: extension })}
            </Button>
          ) : null}
          <ErrorMessage error={confirm.error ?? extend.error} />
        </div>
      ) : null}
      {canReject ? <RejectForm request={r} onChange={onChange} /> : null}
      {r.state === 'awaiting_reship' ? <ReshipForm request={r} onChange={onChange} /> : null}
      {r.state === 'in_arbitration' ? <EvidenceForm request={r} onChange={onChange} /> : null}
    </div>
  );
}

/** Rejecting needs a recorded communication with the buyer first (product rules §5): both in one form. */
function RejectForm({
  request: r,
  onChange,
}: {
  request: AftersalesRequest;
  onChange(r: AftersalesRequest): void;
}) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [channel, setChannel] = useState<Channel>('phone');
  const [summary, setSummary] = useState('');
  const [reason, setReason] = useState('');
  const [communicationId, setCommunicationId] = useState<number>();
  const reject = useAction(async () => {
    let commId = communicationId;
    if (commId === undefined) {
      const recorded = await unwrap(
        api.POST('/api/v1/aftersales/requests/{id}/communications', {
          params: { path: { id: r.id } },
          body: { channel, summary: summary.trim() },
        }),
      );
      commId = recorded.id;
      setCommunicationId(commId);
    }
    const next = await unwrap(
      api.POST('/api/v1/aftersales/requests/{id}/reject', {
        params: { path: { id: r.id } },
        body: { communicationId: commId, reason: reason.trim() },
      }),
    );
    onChange(next);
    toast.success(t('merchant.as.toast.rejected'));
    return next;
  });
  return (
    <Form className="form" label={t('merchant.as.rejectTitle')} onSubmit={() => reject.run()}>
      <h4>
        {r.state === 'return_shipped' ? t('merchant.as.refuseParcelTitle') : t('merchant.as.rejectTitle')}
      </h4>
      <p className="hint">{t('merchant.as.rejectIntro')}</p>
      {communicationId === undefined ? (
        <>
          <LinkConversation requestId={r.id} onLinked={setCommunicationId} />
          <SelectField
            label={t('merchant.as.channel')}
            name="channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as Channel)}
            error={reject.error}
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {tEnum('merchant.channel.', c)}
              </option>
            ))}
          </SelectField>
          <TextArea
            label={t('merchant.as.summary')}
            name="summary"
            rows={2}
            minLength={5}
            required
            value={summary}
            hint={t('merchant.as.summaryHint')}
            onChange={(e) => setSummary(e.target.value)}
            error={reject.error}
          />
        </>
      ) : (
        <p className="notice">{t('merchant.as.communicationRecorded')}</p>
      )}
      <TextArea
        label={t('merchant.as.rejectReason')}
        name="reason"
        rows={2}
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={reject.error}
      />
      <ErrorMessage error={reject.error} />
      <div>
        <Button type="submit" kind="danger" busy={reject.busy}>
          {r.state === 'return_shipped' ? t('merchant.as.refuseParcel') : t('merchant.as.reject')}
        </Button>
      </div>
    </Form>
  );
}

function ReshipForm({
  request: r,
  onChange,
}: {
  request: AftersalesRequest;
  onChange(r: AftersalesRequest): void;
}) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [carrier, setCarrier] = useState<Carrier | ''>('');
  const [tracking, setTracking] = useState('');
  const ship = useAction(async () => {
    const next = await unwrap(
      api.POST('/api/v1/aftersales/requests/{id}/reshipment', {
        params: { path: { id: r.id } },
        body: { carrier: carrier as Carrier, trackingNumber: tracking.trim() },
      }),
    );
    onChange(next);
    toast.success(t('merchant.as.toast.reshipped'));
    return next;
  });
  return (
    <Form className="m-inline-form" label={t('merchant.as.reship')} onSubmit={() => ship.run()}>
      <SelectField
        label={t('merchant.orders.carrier')}
        name="carrier"
        value={carrier}
        required
        onChange={(e) => setCarrier(e.target.value as Carrier)}
        error={ship.error}
      >
        <option value="">{t('merchant.orders.chooseCarrier')}</option>
        {CARRIERS.map((c) => (
          <option key={c} value={c}>
            {tEnum('merchant.carrier.', c)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('merchant.orders.tracking')}
        name="trackingNumber"
        value={tracking}
        required
        onChange={(e) => setTracking(e.target.value)}
        error={ship.error}
      />
      <Button type="submit" busy={ship.busy}>
        {t('merchant.as.reship')}
      </Button>
      <ErrorMessage error={ship.error} />
    </Form>
  );
}

function EvidenceForm({
  request: r,
  onChange,
}: {
  request: AftersalesRequest;
  onChange(r: AftersalesRequest): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [text, setText] = useState('');
  const send = useAction(async () => {
    const next = await unwrap(
      api.POST('/api/v1/aftersales/requests/{id}/evidence', {
        params: { path: { id: r.id } },
        body: { text: text.trim() },
      }),
    );
    onChange(next);
    setText('');
    toast.success(t('merchant.as.toast.evidence'));
    return next;
  });
  return (
    <Form className="form" label={t('merchant.as.addEvidence')} onSubmit={() => send.run()}>
      {r.arbitration ? (
        <p className="hint">
          {t('merchant.as.evidenceDue')} <DateTime value={r.arbitration.evidenceDueAt} />
        </p>
      ) : null}
      <TextArea
        label={t('merchant.as.evidenceText')}
        name="text"
        rows={3}
        required
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={send.error}
      />
      <ErrorMessage error={send.error} />
      <div>
        <Button type="submit" busy={send.busy}>
          {t('merchant.as.addEvidence')}
        </Button>
      </div>
    </Form>
  );
}
