import { lazy, Suspense, useMemo, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { ChartOption } from '../../merchant/EChart.tsx';
import { PageHead } from '../parts.tsx';

const LazyChart = lazy(() => import('../../merchant/EChart.tsx'));

type Report =
  paths['/api/v1/ops/buyers/claim-success']['get']['responses']['200']['content']['application/json'];
type TierRow = Report['tiers'][number];

const WINDOWS = [7, 30, 90] as const;
const HOUR = 3_600_000;

/**
 * 优质买家理赔 (product rules §7.6): the claim success rate of good buyers against the others over a
 * period, against the seed's target (≥ 84%), with the time to decision.
 */
export function ClaimSuccess() {
  const { t } = useI18n();
  const api = useApi();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(30);
  const report = useLoad(
    () => unwrap(api.GET('/api/v1/ops/buyers/claim-success', { params: { query: { days } } })),
    [api, days],
  );
  return (
    <section>
      <PageHead title={t('claims.title')}>
        <SelectField
          label={t('claims.window')}
          name="days"
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as (typeof WINDOWS)[number])}
        >
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              {t('claims.days', { n: d })}
            </option>
          ))}
        </SelectField>
      </PageHead>
      <SkeletonLoadState loaded={report} rows={4}>
        {(r) => <ReportView report={r} />}
      </SkeletonLoadState>
    </section>
  );
}

function ReportView({ report }: { report: Report }) {
  const { t, percent, dateTime } = useI18n();
  const target = percent(report.targetBp / 10_000);
  const rate = (row: TierRow) =>
    row.successRateBp === null ? t('claims.noRate') : percent(row.successRateBp / 10_000);
  const duration = (ms: number | null) => {
    if (ms === null) return '—';
    if (ms === 0) return t('claims.atOnce');
    if (ms < HOUR) return t('claims.minutes', { n: Math.max(1, Math.round(ms / 60_000)) });
    return t('claims.hours', { n: Math.round((ms / HOUR) * 10) / 10 });
  };
  const tierName = (row: TierRow) => t(row.tier === 'good' ? 'claims.tier.good' : 'claims.tier.standard');
  const good = report.tiers.find((row) => row.tier === 'good');
  const names = useMemo(
    () => report.tiers.map((row) => t(row.tier === 'good' ? 'claims.tier.good' : 'claims.tier.standard')),
    [report, t],
  );
  const chart = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 56, right: 24, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('claims.col.rate'),
          type: 'bar',
          data: report.tiers.map((row) => (row.successRateBp === null ? 0 : row.successRateBp / 100)),
          markLine: {
            symbol: 'none',
            data: [{ yAxis: report.targetBp / 100, name: t('claims.target', { target }) }],
            label: { formatter: t('claims.target', { target }) },
          },
        },
      ],
    }),
    [report, target, t, names],
  );
  return (
    <>
      <p className="hint">
        {t('claims.intro', { target })}{' '}
        {t('claims.period', { from: dateTime(report.from), to: dateTime(report.to) })}
      </p>
      {good && good.successRateBp !== null ? (
        <p data-testid="claims-verdict">
          <strong>{good.successRateBp >= report.targetBp ? t('claims.meets') : t('claims.below')}</strong>
          {' · '}
          {t('claims.tier.good')} {rate(good)}
        </p>
      ) : null}
      <table className="table">
        <thead>
          <tr>
            <th>{t('claims.col.tier')}</th>
            <th>{t('claims.col.claims')}</th>
            <th>{t('claims.col.decided')}</th>
            <th>{t('claims.col.succeeded')}</th>
            <th>{t('claims.col.rate')}</th>
            <th>{t('claims.col.atOnce')}</th>
            <th>{t('claims.col.median')}</th>
          </tr>
        </thead>
        <tbody>
          {report.tiers.map((row) => (
            <tr key={row.tier}>
              <td>{tierName(row)}</td>
              <td>{row.claims}</td>
              <td>{row.decided}</td>
              <td>{row.succeeded}</td>
              <td>{rate(row)}</td>
              <td>{row.decidedAtOnce}</td>
              <td>{duration(row.medianDecisionMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figure className="card">
        <figcaption>{t('claims.chart')}</figcaption>
        <Suspense fallback={null}>
          <LazyChart option={chart} label={t('claims.chart')} />
        </Suspense>
      </figure>
    </>
  );
}
