import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { Skeleton, SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { Badge, SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { offsetMinutes, platformTimeZone } from '../../i18n/time-zone.ts';
import type { ChartOption } from '../EChart.tsx';
import { PageHead as MerchantPageHead } from '../parts.tsx';
import { meetsTargets, percentText, secondsText, type TargetFigures } from './metrics-format.ts';
import './service.css';
import type { ChatMetrics } from './service-types.ts';

// ECharts loads with the first chart, not with the console.
const LazyChart = lazy(() => import('../EChart.tsx'));

/** What the shop's and the platform's metrics share: targets, the total and every day of the window. */
export type MetricsReport = Pick<ChatMetrics, 'targets' | 'total' | 'days'>;

function Tile({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="svc-tile">
      <div className="svc-tile-label">{label}</div>
      <div className="svc-tile-value">{children}</div>
    </div>
  );
}

function TargetBadge({ met }: { met: boolean | null }) {
  const { t } = useI18n();
  if (met === null) return <Badge tone="neutral">{t('service.metrics.noData')}</Badge>;
  return (
    <Badge tone={met ? 'ok' : 'bad'}>{met ? t('service.metrics.met') : t('service.metrics.missed')}</Badge>
  );
}

export function Totals({ m }: { m: MetricsReport }) {
  const { t } = useI18n();
  const met = meetsTargets(m.total, m.targets);
  return (
    <div className="svc-tiles">
      <section className="card stack" aria-labelledby="svc-rate">
        <Tile label={t('service.metrics.rate3m')}>
          <span id="svc-rate" data-testid="svc-rate">
            {percentText(m.total.responseRate3mBp)}
          </span>
        </Tile>
        <p className="hint">
          {t('service.metrics.target', { v: percentText(m.targets.responseRate3mBp) })}{' '}
          <TargetBadge met={met.responseRate3mBp} />
        </p>
      </section>
      <section className="card stack" aria-labelledby="svc-first">
        <Tile label={t('service.metrics.firstResponse')}>
          <span id="svc-first" data-testid="svc-first">
            {secondsText(t, m.total.avgFirstResponseMs)}
          </span>
        </Tile>
        <p className="hint">
          {t('service.metrics.targetBelow', { v: secondsText(t, m.targets.avgFirstResponseMs) })}{' '}
          <TargetBadge met={met.avgFirstResponseMs} />
        </p>
      </section>
      <section className="card stack" aria-labelledby="svc-good">
        <Tile label={t('service.metrics.goodRate')}>
          <span id="svc-good" data-testid="svc-good">
            {percentText(m.total.goodRatingRateBp)}
          </span>
        </Tile>
        <p className="hint">
          {t('service.metrics.target', { v: percentText(m.targets.goodRatingRateBp) })}{' '}
          <TargetBadge met={met.goodRatingRateBp} />
        </p>
      </section>
      <section className="card stack" aria-labelledby="svc-sessions">
        <Tile label={t('service.metrics.sessions')}>
          <span id="svc-sessions">{m.total.sessions}</span>
        </Tile>
        <p className="hint">{t('service.metrics.counted', { n: m.total.counted, rated: m.total.rated })}</p>
      </section>
    </div>
  );
}

const pct = (bp: number | null) => (bp === null ? null : bp / 100);

export function DayCharts({ m }: { m: MetricsReport }) {
  const { t } = useI18n();
  const rates = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: m.days.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('service.metrics.rate3m'),
          type: 'line',
          connectNulls: true,
          data: m.days.map((d) => pct(d.responseRate3mBp)),
          color: '#c8102e',
          markLine: {
            symbol: 'none',
            label: {
              position: 'insideEndTop',
              formatter: t('service.metrics.targetLine', { v: percentText(m.targets.responseRate3mBp) }),
            },
            data: [{ yAxis: m.targets.responseRate3mBp / 100 }],
          },
        },
        {
          name: t('service.metrics.goodRate'),
          type: 'line',
          connectNulls: true,
          data: m.days.map((d) => pct(d.goodRatingRateBp)),
          color: '#2f7d32',
          markLine: {
            symbol: 'none',
            label: {
              // beside the other target's label, not on it
              position: 'insideStartBottom',
              formatter: t('service.metrics.targetLine', { v: percentText(m.targets.goodRatingRateBp) }),
            },
            data: [{ yAxis: m.targets.goodRatingRateBp / 100 }],
          },
        },
      ],
    }),
    [m, t],
  );
  const times = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: m.days.map((d) => d.day.slice(5)) },
      yAxis: {
        type: 'value',
        min: 0,
        // the target line stays in view above low bars
        max: (v: { max: number }) =>
          Math.ceil(Math.max(v.max, (m.targets.avgFirstResponseMs / 1000) * 1.2) / 10) * 10,
        axisLabel: { formatter: t('service.metrics.axisSeconds') },
      },
      series: [
        {
          name: t('service.metrics.firstResponse'),
          type: 'bar',
          data: m.days.map((d) => (d.avgFirstResponseMs === null ? null : d.avgFirstResponseMs / 1000)),
          color: '#1f6feb',
          markLine: {
            symbol: 'none',
            label: {
              position: 'insideEndTop',
              formatter: t('service.metrics.targetLine', { v: secondsText(t, m.targets.avgFirstResponseMs) }),
            },
            data: [{ yAxis: m.targets.avgFirstResponseMs / 1000 }],
          },
        },
      ],
    }),
    [m, t],
  );
  return (
    <div className="svc-charts">
      <section className="card stack" aria-labelledby="svc-chart-rates">
        <h3 id="svc-chart-rates">{t('service.metrics.ratesChart')}</h3>
        <Suspense fallback={<Skeleton rows={4} />}>
          <LazyChart option={rates} label={t('service.metrics.ratesChart')} className="svc-chart" />
        </Suspense>
      </section>
      <section className="card stack" aria-labelledby="svc-chart-times">
        <h3 id="svc-chart-times">{t('service.metrics.timesChart')}</h3>
        <Suspense fallback={<Skeleton rows={4} />}>
          <LazyChart option={times} label={t('service.metrics.timesChart')} className="svc-chart" />
        </Suspense>
      </section>
    </div>
  );
}

export function FigureCells({
  f,
}: {
  f: TargetFigures & { sessions: number; counted: number; rated: number };
}) {
  const { t } = useI18n();
  return (
    <>
      <td>{f.sessions}</td>
      <td>{f.counted}</td>
      <td>{percentText(f.responseRate3mBp)}</td>
      <td>{secondsText(t, f.avgFirstResponseMs)}</td>
      <td>{f.rated}</td>
      <td>{percentText(f.goodRatingRateBp)}</td>
    </>
  );
}

export function FigureHeads() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col">{t('service.metrics.sessions')}</th>
      <th scope="col">{t('service.metrics.countedCol')}</th>
      <th scope="col">{t('service.metrics.rate3m')}</th>
      <th scope="col">{t('service.metrics.firstResponse')}</th>
      <th scope="col">{t('service.metrics.ratedCol')}</th>
      <th scope="col">{t('service.metrics.goodRate')}</th>
    </>
  );
}

export function DayTable({ m }: { m: MetricsReport }) {
  const { t } = useI18n();
  return (
    <section className="card stack" aria-labelledby="svc-days">
      <h3 id="svc-days">{t('service.metrics.byDay')}</h3>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('service.metrics.day')}</th>
            <FigureHeads />
          </tr>
        </thead>
        <tbody>
          {m.days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <FigureCells f={d} />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('service.metrics.dayRule')}</p>
    </section>
  );
}

const WINDOWS = [7, 14, 30] as const;
type Window = (typeof WINDOWS)[number];
const DAY_MS = 86_400_000;

/** The platform day `n` days before today, YYYY-MM-DD, on the platform's calendar. */
function dayBefore(n: number) {
  const now = Date.now();
  const offset = offsetMinutes(now, platformTimeZone());
  return new Date(now + offset * 60_000 - n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A 客服数据 page (the shop's and the platform's): a 7/14/30-day window, the totals against the targets,
 * the charts and the day table, and the page's own breakdown (per agent, per shop) after them.
 */
export function MetricsReportPage<R extends MetricsReport>({
  title,
  load,
  breakdown,
  Head = MerchantPageHead,
}: {
  title: string;
  /** The console's page heading (the merchant console's by default). */
  Head?: typeof MerchantPageHead;
  /** Loads the report of platform days `from`…`to` (YYYY-MM-DD); called again when the window changes. */
  load: (from: string, to: string) => Promise<R>;
  breakdown: (report: R) => ReactNode;
}) {
  const { t } = useI18n();
  const [days, setDays] = useState<Window>(7);
  const report = useLoad(() => load(dayBefore(days - 1), dayBefore(0)), [load, days]);
  return (
    <section className="stack">
      <Head title={title}>
        <SelectField
          label={t('service.metrics.window')}
          name="days"
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as Window)}
        >
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              {t('service.metrics.days', { n: d })}
            </option>
          ))}
        </SelectField>
      </Head>
      <p className="hint">{t('service.metrics.intro')}</p>
      <SkeletonLoadState loaded={report} rows={8}>
        {(m) => (
          <>
            <Totals m={m} />
            <DayCharts m={m} />
            <DayTable m={m} />
            {breakdown(m)}
          </>
        )}
      </SkeletonLoadState>
    </section>
  );
}

/** The figures per agent or per shop: one row each, named in the first column. */
export function FigureTable({
  id,
  title,
  empty,
  nameHead,
  rows,
}: {
  id: string;
  title: string;
  empty: string;
  nameHead: string;
  rows: { key: number; name: string; f: Parameters<typeof FigureCells>[0]['f'] }[];
}) {
  return (
    <section className="card stack" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{nameHead}</th>
              <FigureHeads />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" data-user-text>
                  {r.name}
                </th>
                <FigureCells f={r.f} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
