import { Link, useParams } from 'react-router';
import { type Api, unwrap } from '../api/client.ts';
import { useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { Badge, DateTime, Empty, LoadState, useWording } from '../common/ui.tsx';
import { holdReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { CONTENT_CHECKPOINTS, unresolvedCases } from './cases.ts';
import { Features, FiredRules, OutcomeBadge, PageHead } from './parts.tsx';
import { ScreeningFinding } from './ScreeningFinding.tsx';

/**
 * One piece of screened content (a live comment, title, review, caption or chat message): what the
 * screening saw when it was decided (the lexicon entries that fired, counted or why not; the model's
 * scores against the surface's thresholds; the surface and versions), today's screening when it says
 * otherwise, every decision the engine took on it (outcome, rules, features, policy version), and its
 * review case when it has one.
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
  const content = useLoad(() => loadContent(api, subjectType, subjectId), [api, subjectType, subjectId]);
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
      <LoadState loaded={content}>
        {(c) => (
          <>
            <ContentCard {...c} />
            <Evidence {...c} />
          </>
        )}
      </LoadState>
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

/** The text as written and what the lexicon in force finds in it. */
const loadContent = (api: Api, subjectType: string, subjectId: number) =>
  unwrap(
    api.GET('/api/v1/ops/screening/content/{subjectType}/{subjectId}', {
      // any other subject type: the server answers 400, shown where the text would be
      params: { path: { subjectType: subjectType as 'live_comment', subjectId } },
    }),
  );
type Screened = Awaited<ReturnType<typeof loadContent>>;

/**
 * The text as its author wrote it, who wrote it, where and when; marked where the latest decision's
 * screening matched (today's screening when none was kept, or the text has changed since).
 */
function ContentCard({ content, screening, evidence }: Screened) {
  const { t, tEnum } = useI18n();
  const w = useWording();
  const kept = evidence[0]?.text === content.text ? evidence[0] : undefined;
  const hits = kept?.hits ?? screening.hits;
  return (
    <article className="card stack" aria-label={t('ops.content.asWritten')}>
      <h3>{t('ops.content.asWritten')}</h3>
      <blockquote className="o-quote" data-user-text>
        <MarkedText text={content.text} spans={hits.map((h) => h.span)} />
      </blockquote>
      <dl className="o-dl">
        <dt>{t('ops.content.author')}</dt>
        <dd>
          {content.author.name} <span className="hint">#{content.author.id}</span>
        </dd>
        {content.place ? (
          <>
            <dt>{t('ops.content.place')}</dt>
            <dd>
              {tEnum('ops.subject.', content.place.type)} · {content.place.title}{' '}
              <span className="hint">#{content.place.id}</span>
            </dd>
          </>
        ) : null}
        <dt>{t('ops.content.postedAt')}</dt>
        <dd>
          <DateTime value={content.createdAt} />
        </dd>
        <dt>{t('ops.content.state')}</dt>
        <dd>{tEnum('ops.contentState.', content.state)}</dd>
        {content.hiddenReason ? (
          <>
            <dt>{t('ops.content.hiddenReason')}</dt>
            <dd>{holdReason(w, content.hiddenReason)}</dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}

/**
 * What the screening saw at each decision on the text (newest first), and the text screened again with
 * today's lexicon and model when that says something else (or when nothing was kept).
 */
function Evidence({ content, screening, evidence }: Screened) {
  const { t, tEnum } = useI18n();
  const latest = evidence[0];
  const rescreen = !latest || latest.changedSince;
  return (
    <section className="stack" aria-label={t('ops.evidence.title')}>
      <h3>{t('ops.evidence.title')}</h3>
      {evidence.length === 0 ? <p className="hint">{t('ops.evidence.none')}</p> : null}
      {evidence.map((e) => (
        <ScreeningFinding
          key={e.decisionId}
          text={e.text}
          finding={e}
          at={e.at}
          label={t('ops.evidence.decision', { id: e.decisionId, outcome: tEnum('ops.outcome.', e.outcome) })}
          heading={
            <>
              <h4>{t('ops.decision.numbered', { id: e.decisionId })}</h4>
              <OutcomeBadge outcome={e.outcome} />
            </>
          }
        >
          <p className={e.changedSince ? 'notice' : 'hint'}>
            {e.changedSince ? t('ops.evidence.rescreenDiffers') : t('ops.evidence.rescreenSame')}
          </p>
        </ScreeningFinding>
      ))}
      {rescreen ? (
        <ScreeningFinding
          text={content.text}
          finding={screening}
          label={t('ops.evidence.rescreen')}
          heading={<h4>{t('ops.evidence.rescreen')}</h4>}
        />
      ) : null}
    </section>
  );
}

/** `text` with the given [start, end) spans (which may overlap) wrapped in <mark>. */
function MarkedText({ text, spans }: { text: string; spans: number[][] }) {
  const merged: [number, number][] = [];
  for (const [start = 0, end = 0] of [...spans].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const parts = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
