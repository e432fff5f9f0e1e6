import { lazy, Suspense, useMemo, useState } from 'react';
import { unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../shared/hooks.ts';
import { useApi } from '../shared/session.tsx';
import { Empty, Loading, LoadState, Money, SelectField } from '../shared/ui.tsx';
import type { ChartOption } from './EChart.tsx';
import { PageHead, Tile } from './parts.tsx';
import { useShop } from './shop.tsx';
import type { DashboardData, Metrics } from './types.ts';

// ECharts is most of the console's weight: it loads with the first chart, not with every page.
const LazyChart = lazy(() => import('./EChart.tsx'));

function EChart(props: { option: ChartOption; label: string }) {
  return (
    <Suspense fallback={<Loading />}>
      <LazyChart {...props} />
    </Suspense>
  );
}

const WINDOWS = [7, 30, 90] as const;
const BRAND = '#c8102e';
const BLUE = '#0969da';
const AMBER = '#b35900';

/** /merchant: balances, and GMV, orders, refund and quality-refund rates per day as charts. */
export function Dashboard() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(30);
  const dashboard = useLoad(
    () =>
      unwrap(api.GET('/api/v1/shops/{id}/dashboard', { params: { path: { id: shop.id }, query: { days } } })),
    [api, shop.id, days],
  );
  const metrics = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/aftersales/metrics', {
          params: { path: { id: shop.id }, query: { windowDays: days } },
        }),
      ),
    [api, shop.id, days],
  );
  return (
    <section>
      <PageHead title={t('merchant.dash.title', { shop: shop.name })}>
        <SelectField
          label={t('merchant.dash.window')}
          name="days"
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as (typeof WINDOWS)[number])}
        >
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              {t('merchant.dash.days', { n: d })}
            </option>
          ))}
        </SelectField>
      </PageHead>
      <LoadState loaded={dashboard}>{(d) => <Figures data={d} />}</LoadState>
      <LoadState loaded={metrics}>{(m) => <ByProduct metrics={m} />}</LoadState>
    </section>
  );
}

function Figures({ data: d }: { data: DashboardData }) {
  const { t, percent, money } = useI18n();
  const b = d.balances;
  const labels = useMemo(() => d.series.map((s) => s.date.slice(5)), [d]);
  const sales = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 48, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', name: '¥', axisLabel: { formatter: (v: number) => `${v}` } },
        { type: 'value', minInterval: 1 },
      ],
      series: [
        {
          name: t('merchant.dash.gmv'),
          type: 'bar',
          itemStyle: { color: BRAND },
          data: d.series.map((s) => s.gmvFen / 100),
          tooltip: { valueFormatter: (v: unknown) => money(Math.round(Number(v) * 100)) },
        },
        {
          name: t('merchant.dash.paidOrders'),
          type: 'line',
          yAxisIndex: 1,
          itemStyle: { color: BLUE },
          data: d.series.map((s) => s.paidOrders),
        },
      ],
    }),
    [d, labels, t, money],
  );
  const rates = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${Number(v).toFixed(1)}%` },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
      series: [
        {
          name: t('merchant.dash.refundRate'),
          type: 'line',
          itemStyle: { color: AMBER },
          data: d.series.map((s) => s.refundRateBp / 100),
        },
        {
          name: t('merchant.dash.qualityRefundRate'),
          type: 'line',
          itemStyle: { color: BRAND },
          data: d.series.map((s) => s.qualityRefundRateBp / 100),
        },
      ],
    }),
    [d, labels, t],
  );
  const refunds = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 48, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', name: '¥' },
        { type: 'value', minInterval: 1 },
      ],
      series: [
        {
          name: t('merchant.dash.refundFen'),
          type: 'bar',
          itemStyle: { color: AMBER },
          data: d.series.map((s) => s.refundFen / 100),
          tooltip: { valueFormatter: (v: unknown) => money(Math.round(Number(v) * 100)) },
        },
        {
          name: t('merchant.dash.refundCount'),
          type: 'line',
          yAxisIndex: 1,
          itemStyle: { color: BLUE },
          data: d.series.map((s) => s.refundCount),
        },
      ],
    }),
    [d, labels, t, money],
  );
  return (
    <>
      <h3>{t('merchant.dash.balances')}</h3>
      <div className="m-tiles">
        <Tile label={t('merchant.dash.pending')}>
          <Money fen={b.pendingFen} />
        </Tile>
        <Tile label={t('merchant.dash.available')}>
          <Money fen={b.availableFen} />
        </Tile>
        <Tile label={t('merchant.dash.deposit')}>
          <Money fen={b.depositFen} />
        </Tile>
        <Tile label={t('merchant.onboarding.depositRequired')}>
          <Money fen={b.requiredDepositFen} />
        </Tile>
      </div>
      <h3>{t('merchant.dash.period', { from: d.from, to: d.to })}</h3>
      <div className="m-tiles">
        <Tile label={t('merchant.dash.gmv')}>
          <Money fen={d.totals.gmvFen} />
        </Tile>
        <Tile label={t('merchant.dash.paidOrders')}>{d.totals.paidOrders}</Tile>
        <Tile label={t('merchant.dash.refundFen')}>
          <Money fen={d.totals.refundFen} />
        </Tile>
        <Tile label={t('merchant.dash.refundRate')}>{percent(d.totals.refundRateBp / 10_000)}</Tile>
        <Tile label={t('merchant.dash.qualityRefundRate')}>
          {percent(d.totals.qualityRefundRateBp / 10_000)}
        </Tile>
      </div>
      <div className="m-charts">
        <figure className="card m-figure">
          <figcaption>{t('merchant.dash.salesChart')}</figcaption>
          <EChart option={sales} label={t('merchant.dash.salesChart')} />
        </figure>
        <figure className="card m-figure">
          <figcaption>{t('merchant.dash.ratesChart')}</figcaption>
          <EChart option={rates} label={t('merchant.dash.ratesChart')} />
        </figure>
        <figure className="card m-figure">
          <figcaption>{t('merchant.dash.refundsChart')}</figcaption>
          <EChart option={refunds} label={t('merchant.dash.refundsChart')} />
        </figure>
      </div>
      <details className="card">
        <summary>{t('merchant.dash.table')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('merchant.dash.date')}</th>
              <th scope="col">{t('merchant.dash.gmv')}</th>
              <th scope="col">{t('merchant.dash.paidOrders')}</th>
              <th scope="col">{t('merchant.dash.refundCount')}</th>
              <th scope="col">{t('merchant.dash.refundFen')}</th>
              <th scope="col">{t('merchant.dash.refundRate')}</th>
              <th scope="col">{t('merchant.dash.qualityRefundRate')}</th>
            </tr>
          </thead>
          <tbody>
            {d.series.map((s) => (
              <tr key={s.date}>
                <td>{s.date}</td>
                <td>
                  <Money fen={s.gmvFen} />
                </td>
                <td>{s.paidOrders}</td>
                <td>{s.refundCount}</td>
                <td>
                  <Money fen={s.refundFen} />
                </td>
                <td>{percent(s.refundRateBp / 10_000)}</td>
                <td>{percent(s.qualityRefundRateBp / 10_000)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

function ByProduct({ metrics: m }: { metrics: Metrics }) {
  const { t } = useI18n();
  const products = useMemo(() => m.products.filter((p) => p.paidOrders > 0).slice(0, 10), [m]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${Number(v).toFixed(1)}%` },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 64 },
      xAxis: {
        type: 'category',
        data: products.map((p) => (p.title.length > 8 ? `${p.title.slice(0, 8)}…` : p.title)),
        axisLabel: { rotate: 20 },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
      series: [
        {
          name: t('merchant.dash.refundRate'),
          type: 'bar',
          itemStyle: { color: AMBER },
          barMaxWidth: 32,
          data: products.map((p) => p.refundRateBp / 100),
        },
        {
          name: t('merchant.dash.qualityRefundRate'),
          type: 'bar',
          itemStyle: { color: BRAND },
          barMaxWidth: 32,
          data: products.map((p) => p.qualityRefundRateBp / 100),
        },
      ],
    }),
    [products, t],
  );
  return (
    <figure className="card m-figure">
      <figcaption>{t('merchant.dash.byProduct')}</figcaption>
      {products.length === 0 ? (
        <Empty>{t('merchant.dash.noOrders')}</Empty>
      ) : (
        <EChart option={option} label={t('merchant.dash.byProduct')} />
      )}
    </figure>
  );
}
