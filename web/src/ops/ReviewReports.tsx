import { useState } from 'react';
import { type Api, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { useAction } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, Form, TextArea } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { StateQueue } from './parts.tsx';

type Report =
  paths['/api/v1/review-reports']['get']['responses']['200']['content']['application/json']['items'][number];

/** Merchants' reports of malicious reviews: the review, the report, uphold (hide it) or dismiss. */
export function ReviewReports() {
  const { t } = useI18n();
  return (
    <StateQueue
      title={t('ops.reviews.title')}
      states={['open', 'upheld', 'dismissed']}
      stateLabels="ops.reportState."
      load={loadReports}
      empty={t('ops.reviews.empty')}
      entry={(r, reload) => <ReportCard report={r} onDecided={reload} />}
    />
  );
}

const loadReports = (api: Api, state: 'open' | 'upheld' | 'dismissed') =>
  unwrap(api.GET('/api/v1/review-reports', { params: { query: { state, limit: 50 } } }));

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
