import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { useConfirm } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import {
  Badge,
  Button,
  Countdown,
  DateTime,
  Empty,
  ErrorMessage,
  Form,
  LoadState,
  Money,
  TextArea,
  TextField,
} from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PageHead, ShopName, useLocalized, yuanToFen } from './parts.tsx';

type Request =
  paths['/api/v1/aftersales/requests/{id}']['get']['responses']['200']['content']['application/json'];

/** The arbitration queue: cases ready for a decision first, then by evidence deadline. */
export function ArbitrationQueue() {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/ops/arbitrations', { params: { query: { limit: 50 } } })),
    [api],
  );
  return (
    <section className="stack">
      <PageHead title={t('ops.arbitrations.title')}>
        <Button kind="secondary" onClick={list.reload}>
          {t('common.refresh')}
        </Button>
      </PageHead>
      <LoadState loaded={list}>
        {(d) =>
          d.items.length ? (
            <table>
              <thead>
                <tr>
                  <th>{t('ops.arbitrations.request')}</th>
                  <th>{t('ops.arbitrations.type')}</th>
                  <th>{t('ops.arbitrations.requested')}</th>
                  <th>{t('common.state')}</th>
                  <th>{t('ops.arbitrations.evidenceDue')}</th>
                  <th>{t('ops.arbitrations.openedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((a) => (
                  <tr key={a.requestId}>
                    <td>
                      <Link to={`/ops/arbitrations/${a.requestId}`}>
                        {t('ops.arbitrations.number', { id: a.requestId })}
                      </Link>
                    </td>
                    <td>
                      {tEnum('ops.requestType.', a.type)} · {tEnum('ops.requestReason.', a.reason)}
                    </td>
                    <td>
                      <Money fen={a.requestedFen} />
                    </td>
                    <td>
                      <Badge tone={a.state === 'awaiting_decision' ? 'warn' : 'neutral'}>
                        {tEnum('ops.arbitrationState.', a.state)}
                      </Badge>
                    </td>
                    <td>
                      <DateTime value={a.evidenceDueAt} /> <Countdown deadline={a.evidenceDueAt} />
                    </td>
                    <td>{tEnum('ops.openedBy.', a.openedBy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{t('ops.arbitrations.empty')}</Empty>
          )
        }
      </LoadState>
    </section>
  );
}

/** One arbitration: the request, both parties' evidence, the timeline, and the decision. */
export function ArbitrationDetail() {
  const { t } = useI18n();
  const { api } = useSession();
  const id = Number(useParams().requestId);
  const loaded = useLoad(
    () => unwrap(api.GET('/api/v1/aftersales/requests/{id}', { params: { path: { id } } })),
    [api, id],
  );
  return (
    <section className="stack">
      <PageHead title={t('ops.arbitrations.number', { id })}>
        <Link to="/ops/arbitrations">{t('ops.arbitrations.back')}</Link>
      </PageHead>
      <LoadState loaded={loaded}>{(r) => <ArbitrationBody request={r} onDecided={loaded.set} />}</LoadState>
    </section>
  );
}

function ArbitrationBody({ request: r, onDecided }: { request: Request; onDecided(r: Request): void }) {
  const { t, tEnum } = useI18n();
  const localized = useLocalized();
  const arbitration = r.arbitration;
  return (
    <div className="o-split">
      <div className="stack">
        <div className="card">
          <dl className="o-dl">
            <dt>{t('common.state')}</dt>
            <dd>
              {tEnum('ops.requestState.', r.state)}
              {arbitration ? ` · ${tEnum('ops.arbitrationState.', arbitration.state)}` : ''}
            </dd>
            <dt>{t('ops.arbitrations.type')}</dt>
            <dd>
              {tEnum('ops.requestType.', r.type)} · {localized(r.reasonLabel)}
            </dd>
            {r.line ? (
              <>
                <dt>{t('ops.arbitrations.item')}</dt>
                <dd>
                  {r.line.title} · {r.line.spec} × {r.quantity} (<Money fen={r.line.lineFen} />)
                  {r.line.guarantees.length ? (
                    <div className="row">
                      {r.line.guarantees.map((g) => (
                        <Badge key={g} tone="brand">
                          {tEnum('ops.guarantee.', g)}
                        </Badge>
                      ))}
                    </div>
                  ) : null}
                </dd>
              </>
            ) : null}
            <dt>{t('ops.arbitrations.requested')}</dt>
            <dd>
              <Money fen={r.requestedFen} />
            </dd>
            {r.description ? (
              <>
                <dt>{t('ops.arbitrations.description')}</dt>
                <dd>{r.description}</dd>
              </>
            ) : null}
            {arbitration ? (
              <>
                <dt>{t('ops.arbitrations.evidenceDue')}</dt>
                <dd>
                  <DateTime value={arbitration.evidenceDueAt} />{' '}
                  {arbitration.state === 'awaiting_evidence' ? (
                    <Countdown deadline={arbitration.evidenceDueAt} />
                  ) : null}
                </dd>
              </>
            ) : null}
            <dt>{t('ops.arbitrations.order')}</dt>
            <dd>
              #{r.orderId} · <ShopName id={r.shopId} />
            </dd>
          </dl>
        </div>
        <div className="o-two">
          <Evidence title={t('ops.evidence.buyer')} items={r.evidence.filter((e) => e.party === 'buyer')} />
          <Evidence
            title={t('ops.evidence.merchant')}
            items={r.evidence.filter((e) => e.party === 'merchant')}
          />
        </div>
        {r.communications.length ? (
          <div className="card">
            <h3>{t('ops.arbitrations.communications')}</h3>
            <ul>
              {r.communications.map((c) => (
                <li key={c.id}>
                  <DateTime value={c.at} /> · {c.channel}: {c.summary}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="card">
          <h3>{t('ops.arbitrations.timeline')}</h3>
          <ol className="o-timeline">
            {r.timeline.map((step) => (
              <li key={`${step.at}-${step.toState}-${step.actorKind}`}>
                <DateTime value={step.at} /> · {tEnum('ops.actor.', step.actorKind)} ·{' '}
                {tEnum('ops.requestState.', step.toState)}
                <div>{localized(step.explanation)}</div>
              </li>
            ))}
          </ol>
        </div>
      </div>
      <div className="stack">
        {arbitration && arbitration.state !== 'decided' && r.state === 'in_arbitration' ? (
          <DecisionForm request={r} onDecided={onDecided} />
        ) : arbitration?.state === 'decided' ? (
          <Outcome request={r} />
        ) : (
          <p className="hint">{t('ops.arbitrations.notInArbitration')}</p>
        )}
      </div>
    </div>
  );
}

function Evidence({ title, items }: { title: string; items: Request['evidence'] }) {
  const { t } = useI18n();
  return (
    <div className="card stack">
      <h3>{title}</h3>
      {items.length ? (
        <ul className="plain stack">
          {items.map((e) => (
            <li key={e.id}>
              <small className="hint">
                <DateTime value={e.at} />
              </small>
              {e.text ? <p className="o-quote">{e.text}</p> : null}
              {e.fileIds.length ? (
                <p className="hint">{t('ops.evidence.files', { count: e.fileIds.length })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('ops.evidence.none')}</p>
      )}
    </div>
  );
}

function DecisionForm({ request: r, onDecided }: { request: Request; onDecided(r: Request): void }) {
  const { t, tEnum, money } = useI18n();
  const { api } = useSession();
  const [outcome, setOutcome] = useState<'full' | 'partial' | 'reject'>('full');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [counterfeit, setCounterfeit] = useState(false);
  const fakePaysN = r.line?.guarantees.includes('fake_pays_n') ?? false;
  const confirm = useConfirm();
  const decide = useAction(async () => {
    const awardFen = outcome === 'full' ? r.requestedFen : outcome === 'partial' ? yuanToFen(amount) : 0;
    // An amount out of bounds goes straight to the server, which names the field and the bounds.
    const pays = outcome === 'full' || (awardFen > 0 && awardFen < r.requestedFen);
    if (pays) {
      // Defect 3: a decision that pays the buyer names the amount and where it comes from first.
      const amountText = money(awardFen);
      const ok = await confirm({
        title: t('ops.money.awardTitle', { amount: amountText }),
        body: [
          t('ops.money.awardBody', { amount: amountText }),
          fakePaysN && counterfeit ? t('ops.money.awardCounterfeit') : '',
        ]
          .filter(Boolean)
          .join(' '),
        confirmLabel: t('ops.money.awardConfirm', { amount: amountText }),
        danger: true,
      });
      if (!ok) return;
    }
    const next = await unwrap(
      api.POST('/api/v1/ops/arbitrations/{id}/decision', {
        params: { path: { id: r.id } },
        body: {
          outcome,
          reason,
          ...(outcome === 'partial' ? { amountFen: yuanToFen(amount) } : {}),
          ...(outcome !== 'reject' && counterfeit ? { counterfeit: true } : {}),
        },
      }),
    );
    onDecided(next);
  });
  return (
    <Form label={t('ops.arbitrations.decide')} className="card form" onSubmit={() => decide.run()}>
      <h3>{t('ops.arbitrations.decide')}</h3>
      <fieldset className="o-radio">
        <legend>{t('ops.arbitrations.outcome')}</legend>
        {(['full', 'partial', 'reject'] as const).map((o) => (
          <label key={o}>
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              onChange={() => {
                decide.clear();
                setOutcome(o);
              }}
            />
            {tEnum('ops.arbitrationOutcome.', o)}
          </label>
        ))}
      </fieldset>
      {r.arbitration?.state === 'awaiting_evidence' ? (
        <p className="badge-warn o-note">{t('ops.arbitrations.earlyWarning')}</p>
      ) : null}
      <p className="hint">
        {outcome === 'full'
          ? t('ops.arbitrations.fullHint', { amount: money(r.requestedFen) })
          : outcome === 'partial'
            ? t('ops.arbitrations.partialHint', { amount: money(r.requestedFen) })
            : t('ops.arbitrations.rejectHint')}
      </p>
      {outcome === 'partial' ? (
        <TextField
          label={t('ops.arbitrations.amount')}
          name="amountFen"
          inputMode="decimal"
          value={amount}
          required
          onChange={(e) => setAmount(e.target.value)}
          error={decide.error}
        />
      ) : null}
      {fakePaysN && outcome !== 'reject' ? (
        <label className="o-check">
          <input type="checkbox" checked={counterfeit} onChange={(e) => setCounterfeit(e.target.checked)} />
          <span>{t('ops.arbitrations.counterfeit')}</span>
        </label>
      ) : null}
      <TextArea
        label={t('ops.arbitrations.reason')}
        name="reason"
        value={reason}
        required
        maxLength={1000}
        onChange={(e) => setReason(e.target.value)}
        error={decide.error}
        hint={t('ops.arbitrations.reasonHint')}
      />
      <ErrorMessage error={decide.error} />
      <Button type="submit" busy={decide.busy} disabled={!reason.trim()}>
        {t('ops.arbitrations.submit')}
      </Button>
    </Form>
  );
}

function Outcome({ request: r }: { request: Request }) {
  const { t, tEnum } = useI18n();
  const a = r.arbitration!;
  return (
    <div className="card stack" role="status">
      <h3>{t('ops.arbitrations.decided')}</h3>
      <dl className="o-dl">
        <dt>{t('ops.arbitrations.outcome')}</dt>
        <dd>{tEnum('ops.arbitrationOutcome.', a.outcome)}</dd>
        <dt>{t('ops.arbitrations.awarded')}</dt>
        <dd>
          <Money fen={a.awardedFen} />
        </dd>
        {a.counterfeit ? (
          <>
            <dt>{t('ops.arbitrations.counterfeitConfirmed')}</dt>
            <dd>{t('common.yes')}</dd>
          </>
        ) : null}
        <dt>{t('ops.arbitrations.reason')}</dt>
        <dd>{a.reason}</dd>
        <dt>{t('ops.arbitrations.decidedAt')}</dt>
        <dd>
          <DateTime value={a.decidedAt} />
        </dd>
      </dl>
      {r.compensations.length ? (
        <>
          <h4>{t('ops.arbitrations.compensations')}</h4>
          <ul>
            {r.compensations.map((c) => (
              <li key={`${c.kind}-${c.at}`}>
                {tEnum('ops.compensation.', c.kind)}: <Money fen={c.amountFen} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.refunds.length ? (
        <>
          <h4>{t('ops.arbitrations.refunds')}</h4>
          <ul>
            {r.refunds.map((f) => (
              <li key={f.id}>
                <Money fen={f.amountFen} /> · {tEnum('ops.refundState.', f.state)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
