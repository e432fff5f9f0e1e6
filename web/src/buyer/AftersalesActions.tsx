import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import { useAction } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import {
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
import { EvidencePicker, type Upload } from './evidence.tsx';
import { type AftersalesRequest, CARRIERS, type Carrier } from './types.ts';

// The buyer's actions on an after-sales request: ship the return, escalate, add evidence; and the
// money and arbitration sections of its page.

export function ReturnParcel({
  request: r,
  onChange,
}: {
  request: AftersalesRequest;
  onChange(r: AftersalesRequest): void;
}) {
  const { t, tEnum } = useI18n();
  const w = useWording();
  const api = useApi();
  const [carrier, setCarrier] = useState<Carrier>('sf');
  const [tracking, setTracking] = useState('');
  const ship = useAction(async () =>
    onChange(
      await unwrap(
        api.POST('/api/v1/aftersales/requests/{id}/return-shipment', {
          params: { path: { id: r.id } },
          body: { carrier, trackingNumber: tracking.trim() },
        }),
      ),
    ),
  );
  const parcel = r.returnShipment;
  if (!parcel) return null;
  return (
    <section className="card stack" aria-labelledby="as-return">
      <h2 id="as-return">{t('buyer.aftersales.returnParcel')}</h2>
      <dl className="facts">
        <dt>{t('common.state')}</dt>
        <dd>{tEnum('buyer.returnState.', parcel.state)}</dd>
        <dt>{t('buyer.aftersales.returnAddress')}</dt>
        <dd>{systemReason(w, parcel.returnAddress)}</dd>
        {parcel.carrier ? (
          <>
            <dt>{t('buyer.aftersales.carrier')}</dt>
            <dd>
              {tEnum('buyer.carrier.', parcel.carrier)} · {parcel.trackingNumber}
            </dd>
          </>
        ) : null}
      </dl>
      {parcel.state === 'awaiting_shipment' && r.state === 'awaiting_return' ? (
        <Form label={t('buyer.aftersales.shipReturn')} onSubmit={() => ship.run()}>
          <SelectField
            label={t('buyer.aftersales.carrier')}
            name="carrier"
            value={carrier}
            error={ship.error}
            onChange={(e) => setCarrier(e.target.value as Carrier)}
          >
            {CARRIERS.map((c) => (
              <option key={c} value={c}>
                {tEnum('buyer.carrier.', c)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('buyer.aftersales.trackingNumber')}
            name="trackingNumber"
            value={tracking}
            required
            error={ship.error}
            onChange={(e) => setTracking(e.target.value)}
          />
          <ErrorMessage error={ship.error} />
          <Button type="submit" busy={ship.busy}>
            {t('buyer.aftersales.shipReturn')}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

/** Refunds and compensations paid on the request. */
export function RefundsPaid({ request: r }: { request: AftersalesRequest }) {
  const { t, tEnum } = useI18n();
  if (!r.refunds.length && !r.compensations.length) return null;
  return (
    <section className="card stack" aria-labelledby="as-money">
      <h2 id="as-money">{t('buyer.aftersales.refunds')}</h2>
      <ul className="plain">
        {r.refunds.map((f) => (
          <li key={f.id} className="row between">
            <span>
              {t('buyer.aftersales.refund')} <Money fen={f.amountFen} /> ·{' '}
              {tEnum('buyer.refundState.', f.state)}
            </span>
            <small className="hint">
              <DateTime value={f.completedAt ?? f.createdAt} />
            </small>
          </li>
        ))}
        {r.compensations.map((c) => (
          <li key={`${c.kind}-${c.at}`} className="row between">
            <span>
              {t('buyer.aftersales.compensation')} <Money fen={c.amountFen} /> ·{' '}
              {tEnum('buyer.payer.', c.payer)}
            </span>
            <small className="hint">
              <DateTime value={c.at} />
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Arbitration({
  request: r,
  onChange,
}: {
  request: AftersalesRequest;
  onChange(r: AftersalesRequest): void;
}) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const [reason, setReason] = useState('');
  const escalate = useAction(async () =>
    onChange(
      await unwrap(
        api.POST('/api/v1/aftersales/requests/{id}/escalate', {
          params: { path: { id: r.id } },
          body: { reason: reason.trim() },
        }),
      ),
    ),
  );
  const a = r.arbitration;
  return (
    <>
      {a ? (
        <section className="card stack" aria-labelledby="as-arbitration">
          <h2 id="as-arbitration">{t('buyer.arbitration.title')}</h2>
          <dl className="facts">
            <dt>{t('common.state')}</dt>
            <dd>{tEnum('buyer.arbState.', a.state)}</dd>
            {a.state === 'awaiting_evidence' ? (
              <>
                <dt>{t('buyer.arbitration.evidenceDue')}</dt>
                <dd>
                  <Countdown deadline={a.evidenceDueAt} />
                </dd>
              </>
            ) : null}
            {a.outcome ? (
              <>
                <dt>{t('buyer.arbitration.outcome')}</dt>
                <dd>
                  <strong>{tEnum('buyer.arbOutcome.', a.outcome)}</strong>
                  {a.awardedFen !== null ? (
                    <>
                      {' · '}
                      <Money fen={a.awardedFen} />
                    </>
                  ) : null}
                </dd>
              </>
            ) : null}
            {a.reason ? (
              <>
                <dt>{t('buyer.arbitration.reason')}</dt>
                <dd>{a.reason}</dd>
              </>
            ) : null}
            {a.counterfeit ? (
              <>
                <dt>{t('buyer.arbitration.counterfeit')}</dt>
                <dd>{t('common.yes')}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
      {r.state === 'rejected' ? (
        <Form label={t('buyer.aftersales.escalate')} onSubmit={() => escalate.run()}>
          <TextArea
            label={t('buyer.aftersales.escalateReason')}
            name="reason"
            value={reason}
            required
            error={escalate.error}
            onChange={(e) => setReason(e.target.value)}
          />
          <ErrorMessage error={escalate.error} />
          <Button type="submit" busy={escalate.busy}>
            {t('buyer.aftersales.escalate')}
          </Button>
        </Form>
      ) : null}
    </>
  );
}

/** More evidence (words and photos) while the request is open, e.g. for the arbitration. */
export function AddEvidence({
  request: r,
  onChange,
}: {
  request: AftersalesRequest;
  onChange(r: AftersalesRequest): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const add = useAction(async () => {
    const next = await unwrap(
      api.POST('/api/v1/aftersales/requests/{id}/evidence', {
        params: { path: { id: r.id } },
        body: { ...(text.trim() ? { text: text.trim() } : {}), fileIds: uploads.map((u) => u.id) },
      }),
    );
    setText('');
    setUploads([]);
    onChange(next);
  });
  return (
    <section className="card stack" aria-labelledby="as-add-evidence">
      <h2 id="as-add-evidence">{t('buyer.aftersales.addEvidence')}</h2>
      <Form label={t('buyer.aftersales.addEvidence')} onSubmit={() => add.run()}>
        <TextArea
          label={t('buyer.aftersales.evidenceText')}
          name="text"
          value={text}
          maxLength={1000}
          error={add.error}
          onChange={(e) => setText(e.target.value)}
        />
        <EvidencePicker uploads={uploads} onChange={setUploads} />
        <ErrorMessage error={add.error} />
        <Button type="submit" kind="secondary" busy={add.busy} disabled={!text.trim() && !uploads.length}>
          {t('buyer.aftersales.sendEvidence')}
        </Button>
      </Form>
    </section>
  );
}
