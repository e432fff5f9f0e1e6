import { Link, useParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../shared/hooks.ts';
import { useSession } from '../shared/session.tsx';
import { Badge, DateTime, Empty, LoadState } from '../shared/ui.tsx';
import { CONTENT_CHECKPOINTS, unresolvedCases } from './cases.ts';
import { Features, FiredRules, OutcomeBadge, PageHead } from './parts.tsx';

/**
 * One piece of screened content (a live comment, title, review or caption): every decision the engine
 * took on it — the outcome and what it means for viewers, the rules that fired, the screening categories
 * and risk, the policy version — and its review case when it has one.
 */
export function ContentDetail() {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const params = useParams();
  const subjectType = params.subjectType ?? '';
  const subjectId = Number(params.subjectId);
  const decisions = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/ops/trust/decisions', { params: { query: { subjectType, subjectId, limit: 20 } } }),
      ),
    [api, subjectType, subjectId],
  );
  const cases = useLoad(
    async () =>
      (await unresolvedCases(api, CONTENT_CHECKPOINTS, 100)).filter(
        (c) => c.subject.type === subjectType && c.subject.id === subjectId,
      ),
    [api, subjectType, subjectId],
  );
  return (
    <section className="stack">
      <PageHead title={`${tEnum('ops.subject.', subjectType, subjectType)} #${subjectId}`}>
        <Link to="/ops/reviews/content">{t('ops.content.back')}</Link>
      </PageHead>
      {cases.data?.length ? (
        <p className="notice">
          {cases.data.map((c) => (
            <Link key={c.id} to={`/ops/cases/${c.id}`}>
              {t('ops.cases.number', { id: c.id })}
            </Link>
          ))}
        </p>
      ) : null}
      <LoadState loaded={decisions}>
        {(d) =>
          d.items.length ? (
            <ul className="plain stack">
              {d.items.map((decision) => (
                <li key={decision.id}>
                  <article
                    className="card stack"
                    aria-label={t('ops.decision.numbered', { id: decision.id })}
                  >
                    <div className="row">
                      <h3>{t('ops.decision.numbered', { id: decision.id })}</h3>
                      <OutcomeBadge outcome={decision.outcome} />
                      {decision.shadow ? <Badge>{t('ops.decision.shadow')}</Badge> : null}
                      <span className="hint">
                        {tEnum('ops.checkpoint.', decision.checkpoint)} · <DateTime value={decision.at} /> ·{' '}
                        <Link to={`/ops/policies/${decision.policyId}`}>
                          {t('ops.decision.policyVersion', { version: decision.policyVersion })}
                        </Link>
                      </span>
                    </div>
                    <p>{t(`ops.decision.explain.${decision.outcome}`)}</p>
                    <div className="o-two">
                      <div>
                        <h4>{t('ops.cases.rules')}</h4>
                        <FiredRules fired={decision.fired} />
                      </div>
                      <div>
                        <h4>{t('ops.decision.features')}</h4>
                        <Features features={decision.features} />
                      </div>
                    </div>
                  </article>
                </li>
              ))}
            </ul>
          ) : (
            <Empty />
          )
        }
      </LoadState>
    </section>
  );
}
