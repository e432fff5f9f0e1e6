import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, Form, LoadState, TextArea } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { TrustCase } from './cases.ts';
import { Features, FiredRules, OutcomeBadge, PageHead } from './parts.tsx';
import { Subject, showsInline } from './triage/Subject.tsx';

/** One review case: the decision that opened it (rules, features, version), assignment and resolution. */
export function CaseDetail() {
  const { t } = useI18n();
  const { api } = useSession();
  const id = Number(useParams().id);
  const loaded = useLoad(
    () => unwrap(api.GET('/api/v1/ops/trust/cases/{id}', { params: { path: { id } } })),
    [api, id],
  );
  return (
    <section className="stack">
      <PageHead title={t('ops.cases.number', { id })} />
      <LoadState loaded={loaded}>{(c) => <CaseBody trustCase={c} onChange={loaded.set} />}</LoadState>
    </section>
  );
}

function CaseBody({ trustCase: c, onChange }: { trustCase: TrustCase; onChange(c: TrustCase): void }) {
  const { t, tEnum } = useI18n();
  const { api, account } = useSession();
  const [note, setNote] = useState('');
  const assign = useAction(async () => {
    onChange(
      await unwrap(
        api.POST('/api/v1/ops/trust/cases/{id}/assign', { params: { path: { id: c.id } }, body: {} }),
      ),
    );
  });
  const resolve = useAction(async (resolution: 'fraud' | 'legit') => {
    onChange(
      await unwrap(
        api.POST('/api/v1/ops/trust/cases/{id}/resolve', {
          params: { path: { id: c.id } },
          body: { resolution, note },
        }),
      ),
    );
  });
  return (
    <div className="o-split">
      <div className="stack">
        <div className="card stack">
          <dl className="o-dl">
            <dt>{t('ops.cases.checkpoint')}</dt>
            <dd>{tEnum('ops.checkpoint.', c.checkpoint)}</dd>
            <dt>{t('ops.cases.subject')}</dt>
            <dd>
              <SubjectLink type={c.subject.type} id={c.subject.id} />
            </dd>
            <dt>{t('ops.caseHits.rule')}</dt>
            <dd>{c.ruleId ? <code>{c.ruleId}</code> : t('ops.caseHits.legacy')}</dd>
            <dt>{t('ops.caseHits.count')}</dt>
            <dd>{c.hitCount}</dd>
            <dt>{t('ops.caseHits.lastHit')}</dt>
            <dd>
              <DateTime value={c.lastHitAt} />
            </dd>
            <dt>{t('common.state')}</dt>
            <dd>
              <Badge tone={c.state === 'resolved' ? 'ok' : 'warn'}>{tEnum('ops.caseState.', c.state)}</Badge>
            </dd>
            <dt>{t('ops.cases.openedAt')}</dt>
            <dd>
              <DateTime value={c.openedAt} />
            </dd>
            <dt>{t('ops.cases.assignee')}</dt>
            <dd>
              {c.assignee === null
                ? t('ops.cases.unassigned')
                : c.assignee === account?.id
                  ? t('ops.cases.me')
                  : t('ops.account', { id: c.assignee })}
            </dd>
            {c.resolution ? (
              <>
                <dt>{t('ops.cases.resolution')}</dt>
                <dd>
                  {tEnum('ops.resolution.', c.resolution)} · <DateTime value={c.resolvedAt} />
                </dd>
                <dt>{t('ops.cases.note')}</dt>
                <dd>{c.note ?? '—'}</dd>
              </>
            ) : null}
          </dl>
        </div>
        {showsInline(c.subject.type) ? (
          <section className="card stack" aria-label={t('ops.cases.subject')}>
            <h3>{t('ops.cases.subject')}</h3>
            {/* The subject itself: the listing with its images and matches, the comment as written. */}
            <Subject subject={c.subject} caseId={null} />
          </section>
        ) : null}
        {/* A case of one hit on its own subject is the case itself: the table would repeat it. */}
        {c.hitCount > 1 ||
        c.hits.some((h) => h.subject.type !== c.subject.type || h.subject.id !== c.subject.id) ? (
          <CaseHits trustCase={c} />
        ) : null}
        <div className="card stack">
          <h3>{t('ops.decision.title')}</h3>
          <p>
            <OutcomeBadge outcome={c.decision.outcome} />{' '}
            <span className="hint">
              {t('ops.decision.policyVersion', { version: c.decision.policyVersion })}
            </span>
          </p>
          <p className="hint">{t(`ops.decision.explain.${c.decision.outcome}`)}</p>
          <h4>{t('ops.cases.rules')}</h4>
          <FiredRules fired={c.decision.fired} />
          <h4>{t('ops.decision.features')}</h4>
          <Features features={c.decision.features} />
        </div>
      </div>
      <div className="stack">
        {c.state !== 'resolved' ? (
          <div className="card stack">
            <h3>{t('ops.cases.decide')}</h3>
            {c.assignee !== account?.id ? (
              <div>
                <Button kind="secondary" busy={assign.busy} onClick={() => void assign.run()}>
                  {t('ops.cases.assignMe')}
                </Button>
                <ErrorMessage error={assign.error} />
              </div>
            ) : null}
            <Form label={t('ops.cases.decide')} onSubmit={() => undefined}>
              <TextArea
                label={t('ops.cases.note')}
                name="note"
                value={note}
                required
                maxLength={1000}
                onChange={(e) => setNote(e.target.value)}
                error={resolve.error}
                hint={t('ops.cases.noteHint')}
              />
              <div className="o-actions">
                <Button
                  kind="danger"
                  busy={resolve.busy}
                  disabled={!note.trim()}
                  onClick={() => void resolve.run('fraud')}
                >
                  {t('ops.cases.fraud')}
                </Button>
                <Button busy={resolve.busy} disabled={!note.trim()} onClick={() => void resolve.run('legit')}>
                  {t('ops.cases.legit')}
                </Button>
              </div>
              <ErrorMessage error={resolve.error} />
            </Form>
          </div>
        ) : (
          <p className="notice">{t('ops.cases.resolved')}</p>
        )}
      </div>
    </div>
  );
}

/** The decisions joined to the case (newest first), each with its own subject and whether it is decided. */
function CaseHits({ trustCase: c }: { trustCase: TrustCase }) {
  const { t, tEnum } = useI18n();
  return (
    <section className="card stack" aria-label={t('ops.caseHits.title')}>
      <h3>
        {t('ops.caseHits.title')} <Badge tone={c.hitCount > 1 ? 'warn' : 'neutral'}>{c.hitCount}</Badge>
      </h3>
      <p className="hint">{t('ops.caseHits.hint')}</p>
      {c.hits.length < c.hitCount ? (
        <p className="hint">{t('ops.caseHits.shown', { shown: c.hits.length, total: c.hitCount })}</p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>{t('ops.caseHits.decision')}</th>
            <th>{t('ops.caseHits.subject')}</th>
            <th>{t('ops.caseHits.at')}</th>
            <th>{t('ops.caseHits.resolution')}</th>
          </tr>
        </thead>
        <tbody>
          {c.hits.map((h) => (
            <tr key={h.decisionId}>
              <td>#{h.decisionId}</td>
              <td>
                <SubjectLink type={h.subject.type} id={h.subject.id} />
              </td>
              <td>
                <DateTime value={h.at} />
              </td>
              <td>{h.resolution ? tEnum('ops.resolution.', h.resolution) : t('ops.caseHits.pending')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SubjectLink({ type, id }: { type: string; id: number }) {
  const { tEnum } = useI18n();
  const label = `${tEnum('ops.subject.', type, type)} #${id}`;
  if (type === 'product') return <Link to={`/ops/reviews/listings?id=${id}`}>{label}</Link>;
  if (type === 'aftersales_request') return <Link to={`/ops/arbitrations/${id}`}>{label}</Link>;
  return <span>{label}</span>;
}
