import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAction, useLoad } from '../shared/hooks.ts';
import { useSession } from '../shared/session.tsx';
import {
  Badge,
  Button,
  DateTime,
  Empty,
  ErrorMessage,
  Form,
  LoadState,
  SelectField,
  TextArea,
} from '../shared/ui.tsx';
import { PageHead } from './parts.tsx';

type Report =
  paths['/api/v1/review-reports']['get']['responses']['200']['content']['application/json']['items'][number];
const STATES = ['open', 'upheld', 'dismissed'] as const;

/** Merchants' reports of malicious reviews: the review, the report, uphold (hide it) or dismiss. */
export function ReviewReports() {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const [state, setState] = useState<(typeof STATES)[number]>('open');
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/review-reports', { params: { query: { state, limit: 50 } } })),
    [api, state],
  );
  return (
    <section className="stack">
      <PageHead title={t('ops.reviews.title')}>
        <SelectField
          label={t('common.state')}
          name="state"
          value={state}
          onChange={(e) => setState(e.target.value as typeof state)}
        >
          {STATES.map((s) => (
            <option key={s} value={s}>
              {tEnum('ops.reportState.', s)}
            </option>
          ))}
        </SelectField>
      </PageHead>
      <LoadState loaded={list}>
        {(d) =>
          d.items.length ? (
            <ul className="plain stack">
              {d.items.map((r) => (
                <li key={r.id}>
                  <ReportCard report={r} onDecided={list.reload} />
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('ops.reviews.empty')}</Empty>
          )
        }
      </LoadState>
    </section>
  );
}

function ReportCard({ report: r, onDecided }: { report: Report; onDecided(): void }) {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const [note, setNote] = useState('');
  const decide = useAction(async (uphold: boolean) => {
    await unwrap(
      api.POST('/api/v1/review-reports/{id}/decision', {
        params: { path: { id: r.id } },
        body: { uphold, note },
      }),
    );
    onDecided();
  });
  return (
    <article className="card stack" aria-label={t('ops.reviews.number', { id: r.id })}>
      <div className="row">
        <strong>{t('ops.reviews.number', { id: r.id })}</strong>
        <Badge tone={r.state === 'open' ? 'warn' : 'neutral'}>{tEnum('ops.reportState.', r.state)}</Badge>
        <span className="hint">
          <DateTime value={r.createdAt} />
        </span>
      </div>
      <div className="o-two">
        <div>
          <h4>{t('ops.reviews.review', { rating: r.review.rating })}</h4>
          <p className="o-quote">{r.review.text}</p>
          <p className="hint">
            {t('ops.reviews.reviewState')}: {tEnum('ops.reviewState.', r.review.state)} ·{' '}
            {t('ops.reviews.product', { id: r.review.productId })}
          </p>
        </div>
        <div>
          <h4>
            {t('ops.reviews.report')}: {tEnum('ops.reportReason.', r.reason)}
          </h4>
          <p className="o-quote">{r.text}</p>
          {r.evidenceFileIds.length ? (
            <p className="hint">{t('ops.evidence.files', { count: r.evidenceFileIds.length })}</p>
          ) : null}
        </div>
      </div>
      {r.state === 'open' ? (
        <Form label={t('ops.reviews.decide')} onSubmit={() => undefined}>
          <TextArea
            label={t('ops.cases.note')}
            name="note"
            value={note}
            maxLength={500}
            required
            onChange={(e) => setNote(e.target.value)}
            error={decide.error}
          />
          <div className="o-actions">
            <Button
              kind="danger"
              busy={decide.busy}
              disabled={!note.trim()}
              onClick={() => void decide.run(true)}
            >
              {t('ops.reviews.uphold')}
            </Button>
            <Button
              kind="secondary"
              busy={decide.busy}
              disabled={!note.trim()}
              onClick={() => void decide.run(false)}
            >
              {t('ops.reviews.dismiss')}
            </Button>
          </div>
          <ErrorMessage error={decide.error} />
        </Form>
      ) : r.decisionNote ? (
        <p className="hint">
          {t('ops.cases.note')}: {r.decisionNote}
        </p>
      ) : null}
    </article>
  );
}
