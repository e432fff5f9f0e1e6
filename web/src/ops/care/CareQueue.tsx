import { useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { EmptyState, SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import './care.css';

type Queue = paths['/api/v1/ops/care/cases']['get']['responses']['200']['content']['application/json'];
type View = NonNullable<paths['/api/v1/ops/care/cases']['get']['parameters']['query']>['view'];
type Rule = Queue['items'][number]['rule'];

const VIEWS = ['active', 'mine', 'resolved', 'all'] as const;
export const CARE_RULES: Rule[] = [
  'stalled_parcel_contacted',
  'refused_then_bad_review',
  'repeat_aftersales',
];

/**
 * 关怀外呼 (product rules §8.6): buyers the rules found let down, by SLA (overdue first), with the
 * counts ops work against and satisfaction after outreach; each row opens the case's whole story.
 */
export function CareQueue() {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [view, setView] = useState<NonNullable<View>>('active');
  const [rule, setRule] = useState<Rule | ''>('');
  const queue = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/ops/care/cases', {
          params: { query: { view, limit: 50, ...(rule ? { rule } : {}) } },
        }),
      ),
    [api, view, rule],
  );
  const scan = useAction(async () => {
    const result = await unwrap(api.POST('/api/v1/ops/care/scan'));
    const n = Object.values(result.opened).reduce((a, b) => a + b, 0);
    toast.success(t('care.scanned', { n }));
    queue.reload();
  });
  return (
    <section className="stack care">
      <PageHead title={t('care.title')}>
        <Button kind="secondary" busy={scan.busy} onClick={() => void scan.run()}>
          {t('care.scan')}
        </Button>
      </PageHead>
      <p className="hint">{t('care.intro')}</p>
      <ErrorMessage error={scan.error} />
      <div className="row">
        <SelectField
          label={t('care.filter.view')}
          name="view"
          value={view}
          onChange={(e) => setView(e.target.value as NonNullable<View>)}
        >
          {VIEWS.map((v) => (
            <option key={v} value={v}>
              {t(`care.view.${v}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('care.filter.rule')}
          name="rule"
          value={rule}
          onChange={(e) => setRule(e.target.value as Rule | '')}
        >
          <option value="">{t('care.filter.allRules')}</option>
          {CARE_RULES.map((r) => (
            <option key={r} value={r}>
              {t(`care.rule.${r}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <SkeletonLoadState loaded={queue} rows={5}>
        {(q) => <QueueView queue={q} />}
      </SkeletonLoadState>
    </section>
  );
}

function QueueView({ queue }: { queue: Queue }) {
  const { t, tEnum, percent } = useI18n();
  const s = queue.satisfaction;
  return (
    <>
      <ul className="care-figures" aria-label={t('care.title')}>
        <li className="care-figure">{t('care.count.open', { n: queue.counts.open })}</li>
        <li className="care-figure">{t('care.count.claimed', { n: queue.counts.claimed })}</li>
        <li className={`care-figure${queue.counts.overdue ? ' care-overdue' : ''}`}>
          {t('care.count.overdue', { n: queue.counts.overdue })}
        </li>
        <li className="care-figure" data-testid="care-satisfaction">
          <strong>{t('care.satisfaction')}</strong>{' '}
          {s.rateBp === null
            ? t('care.satisfactionNone', { days: s.windowDays })
            : t('care.satisfactionRate', {
                rate: percent(s.rateBp / 10_000),
                days: s.windowDays,
                answered: s.answered,
                satisfied: s.satisfied,
              })}{' '}
          <small className="hint">{t('care.satisfactionTarget')}</small>
        </li>
      </ul>
      {queue.items.length === 0 ? (
        <EmptyState title={t('care.empty')} hint={t('care.emptyHint')} />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('care.col.rule')}</th>
              <th>{t('care.col.buyer')}</th>
              <th>{t('care.col.shop')}</th>
              <th>{t('care.col.happened')}</th>
              <th>{t('care.col.due')}</th>
              <th>{t('care.col.state')}</th>
              <th>{t('care.col.holder')}</th>
              <th>
                <span className="visually-hidden">{t('care.view')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.items.map((c) => (
              <tr key={c.id} className={c.overdue ? 'care-row-overdue' : undefined}>
                <td>{tEnum('care.rule.', c.rule)}</td>
                <td>
                  <span data-user-text>{c.buyerName}</span>
                </td>
                <td>
                  <span data-user-text>{c.shopName}</span>
                </td>
                <td>
                  <DateTime value={c.happenedAt} />
                </td>
                <td>
                  <DateTime value={c.dueAt} />{' '}
                  {c.overdue ? <Badge tone="bad">{t('care.overdue')}</Badge> : null}
                </td>
                <td>
                  {tEnum('care.state.', c.state)}
                  {c.outcome ? ` · ${tEnum('care.outcome.', c.outcome)}` : ''}
                  {c.satisfaction ? ` · ${tEnum('care.satisfaction.', c.satisfaction)}` : ''}
                </td>
                <td>{c.claimedByName ? <span data-user-text>{c.claimedByName}</span> : '—'}</td>
                <td>
                  <Link
                    to={`/ops/care/${c.id}`}
                    aria-label={`${t('care.view')} ${tEnum('care.rule.', c.rule)} ${c.buyerName}`}
                  >
                    {t('care.view')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
