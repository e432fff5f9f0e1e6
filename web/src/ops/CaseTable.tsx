import { Link } from 'react-router';
import { Badge, DateTime, Empty } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { TrustCase } from './cases.ts';
import { FiredRules, OutcomeBadge } from './parts.tsx';

/** Review cases with their decision, each opening its case page. */
export function CaseTable({ cases }: { cases: TrustCase[] }) {
  const { t, tEnum } = useI18n();
  if (!cases.length) return <Empty>{t('ops.cases.empty')}</Empty>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t('ops.cases.case')}</th>
          <th>{t('ops.cases.checkpoint')}</th>
          <th>{t('ops.cases.subject')}</th>
          <th>{t('ops.cases.rules')}</th>
          <th>{t('ops.caseHits.count')}</th>
          <th>{t('common.state')}</th>
          <th>{t('ops.cases.openedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/ops/cases/${c.id}`}>{t('ops.cases.number', { id: c.id })}</Link>
            </td>
            <td>{tEnum('ops.checkpoint.', c.checkpoint)}</td>
            <td>
              {tEnum('ops.subject.', c.subject.type, c.subject.type)} #{c.subject.id}
            </td>
            <td>
              <OutcomeBadge outcome={c.decision.outcome} />
              <FiredRules fired={c.decision.fired} />
            </td>
            <td>
              {c.hitCount}
              {c.hitCount > 1 ? (
                <span className="hint">
                  {' '}
                  · {t('ops.caseHits.lastHit')} <DateTime value={c.lastHitAt} />
                </span>
              ) : null}
            </td>
            <td>
              <Badge tone={c.state === 'resolved' ? 'ok' : 'warn'}>{tEnum('ops.caseState.', c.state)}</Badge>
            </td>
            <td>
              <DateTime value={c.openedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
