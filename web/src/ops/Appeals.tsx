import { useState } from 'react';
import { type Api, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { useConfirm } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, Form, LoadState, TextArea } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ShopName, StateQueue, useLocalized } from './parts.tsx';

type Appeal =
  paths['/api/v1/ops/appeals']['get']['responses']['200']['content']['application/json']['items'][number];

/** Merchants' appeals against violations: the violation, the appeal, uphold (reverse it) or reject. */
export function AppealsQueue() {
  const { t } = useI18n();
  return (
    <StateQueue
      title={t('ops.appeals.title')}
      states={['pending', 'upheld', 'rejected']}
      stateLabels="ops.appealState."
      load={loadAppeals}
      empty={t('ops.appeals.empty')}
      entry={(a, reload) => <AppealCard appeal={a} onDecided={reload} />}
    />
  );
}

const loadAppeals = (api: Api, state: 'pending' | 'upheld' | 'rejected') =>
  unwrap(api.GET('/api/v1/ops/appeals', { params: { query: { state, limit: 50 } } }));

function AppealCard({ appeal: a, onDecided }: { appeal: Appeal; onDecided(): void }) {
  const { t, tEnum, money } = useI18n();
  const { api } = useSession();
  const localized = useLocalized();
  const violation = useLoad(
    () => unwrap(api.GET('/api/v1/ops/violations/{id}', { params: { path: { id: a.violationId } } })),
    [api, a.violationId],
  );
  const [reason, setReason] = useState('');
  const confirm = useConfirm();
  const decide = useAction(async (decision: 'uphold' | 'reject') => {
    if (decision === 'uphold') {
      // Defect 3: upholding gives money back (a fine taken from the deposit); say so first.
      const fined = (violation.data?.penalties ?? [])
        .filter((p) => p.kind === 'fine' && p.state !== 'reversed')
        .reduce((sum, p) => sum + (p.params.deductedFen ?? p.params.amountFen ?? 0), 0);
      const ok = await confirm({
        title: t('ops.money.appealTitle'),
        body: [
          t('ops.money.appealBody'),
          fined > 0 ? t('ops.money.appealFine', { amount: money(fined) }) : '',
        ]
          .filter(Boolean)
          .join(' '),
        confirmLabel: t('ops.money.appealConfirm'),
        danger: fined > 0,
      });
      if (!ok) return;
    }
    await unwrap(
      api.POST('/api/v1/ops/appeals/{id}/decision', {
        params: { path: { id: a.id } },
        body: { decision, reason },
      }),
    );
    onDecided();
  });
  return (
    <article className="card stack" aria-label={t('ops.appeals.number', { id: a.id })}>
      <div className="row">
        <strong>{t('ops.appeals.number', { id: a.id })}</strong>
        <Badge tone={a.state === 'pending' ? 'warn' : 'neutral'}>{tEnum('ops.appealState.', a.state)}</Badge>
        <span className="hint">
          {t('ops.appeals.attempt', { n: a.attempt })} · <ShopName id={a.shopId} /> ·{' '}
          <DateTime value={a.createdAt} />
        </span>
      </div>
      <div className="o-two">
        <div>
          <h4>{t('ops.appeals.violation', { id: a.violationId })}</h4>
          <LoadState loaded={violation}>
            {(v) => (
              <>
                <p>
                  {localized(v.description)} · {tEnum('ops.severity.', v.severity)}
                  {v.points ? ` · ${t('ops.appeals.points', { points: v.points })}` : ''}
                </p>
                {v.evidence.text ? <p className="o-quote">{v.evidence.text}</p> : null}
                <p className="hint">
                  {t('ops.appeals.penalties')}:{' '}
                  {v.penalties.map((p) => tEnum('ops.penalty.', p.kind)).join('、') || t('common.none')}
                </p>
              </>
            )}
          </LoadState>
        </div>
        <div>
          <h4>{t('ops.appeals.text')}</h4>
          <p className="o-quote">{a.text}</p>
          {a.fileIds.length ? (
            <p className="hint">{t('ops.evidence.files', { count: a.fileIds.length })}</p>
          ) : null}
        </div>
      </div>
      {a.state === 'pending' ? (
        <Form label={t('ops.appeals.decide')} onSubmit={() => undefined}>
          <TextArea
            label={t('common.reason')}
            name="reason"
            value={reason}
            maxLength={2000}
            required
            onChange={(e) => setReason(e.target.value)}
            error={decide.error}
          />
          <div className="o-actions">
            <Button busy={decide.busy} disabled={!reason.trim()} onClick={() => void decide.run('uphold')}>
              {t('ops.appeals.uphold')}
            </Button>
            <Button
              kind="danger"
              busy={decide.busy}
              disabled={!reason.trim()}
              onClick={() => void decide.run('reject')}
            >
              {t('ops.appeals.reject')}
            </Button>
          </div>
          <ErrorMessage error={decide.error} />
        </Form>
      ) : a.decisionReason ? (
        <p className="hint">
          {t('common.reason')}: {a.decisionReason}
        </p>
      ) : null}
    </article>
  );
}
