import { Link } from 'react-router';
import { useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Button, DateTime, Empty, LoadState } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { CaseTable } from './CaseTable.tsx';
import { CONTENT_CHECKPOINTS, type Decision, decisionsOf, unresolvedCases } from './cases.ts';
import { Features, FiredRules, OutcomeBadge, PageHead } from './parts.tsx';

/**
 * Content screening (live comments and titles, reviews, captions): the cases held for review, and the
 * content the engine hid on its own (blocked decisions), each with the rules that fired and what the
 * screening matched.
 */
export function ContentQueue() {
  const { t } = useI18n();
  const api = useApi();
  const cases = useLoad(() => unresolvedCases(api, CONTENT_CHECKPOINTS), [api]);
  const blocked = useLoad(() => decisionsOf(api, CONTENT_CHECKPOINTS, 'block', 30), [api]);
  return (
    <section className="stack">
      <PageHead title={t('ops.content.title')}>
        <Button
          kind="secondary"
          onClick={() => {
            cases.reload();
            blocked.reload();
          }}
        >
          {t('common.refresh')}
        </Button>
      </PageHead>
      <h3>{t('ops.content.cases')}</h3>
      <LoadState loaded={cases}>{(items) => <CaseTable cases={items} />}</LoadState>
      <h3>{t('ops.content.hidden')}</h3>
      <p className="hint">{t('ops.content.hiddenHint')}</p>
      <LoadState loaded={blocked}>{(items) => <BlockedTable decisions={items} />}</LoadState>
    </section>
  );
}

function BlockedTable({ decisions }: { decisions: Decision[] }) {
  const { t, tEnum } = useI18n();
  if (!decisions.length) return <Empty>{t('ops.content.noneHidden')}</Empty>;
  return (
    <table aria-label={t('ops.content.hidden')}>
      <thead>
        <tr>
          <th>{t('ops.decision.number')}</th>
          <th>{t('ops.cases.checkpoint')}</th>
          <th>{t('ops.cases.subject')}</th>
          <th>{t('ops.cases.rules')}</th>
          <th>{t('ops.decision.features')}</th>
          <th>{t('ops.decision.at')}</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((d) => (
          <tr key={d.id}>
            <td>#{d.id}</td>
            <td>{tEnum('ops.checkpoint.', d.checkpoint)}</td>
            <td>
              <Link to={`/ops/reviews/content/${d.subject.type}/${d.subject.id}`}>
                {tEnum('ops.subject.', d.subject.type, d.subject.type)} #{d.subject.id}
              </Link>
            </td>
            <td>
              <OutcomeBadge outcome={d.outcome} />
              <FiredRules fired={d.fired} />
              <small className="hint">{t('ops.decision.policyVersion', { version: d.policyVersion })}</small>
            </td>
            <td>
              <Features features={d.features} />
            </td>
            <td>
              <DateTime value={d.at} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
