import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../api/client.ts';
import { EmptyState, Skeleton, SkeletonLoadState } from '../common/feedback.tsx';
import { useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Money, SelectField } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { ChartOption } from './EChart.tsx';
import './home.css';
import { FeedbackCard } from './feedback/FeedbackCard.tsx';
import { MetricExclusions } from './metrics/MetricExclusions.tsx';
import { PageHead, Tile } from './parts.tsx';
import { useShop } from './shop.tsx';
import type { DashboardData, Metrics } from './types.ts';
import { SkuProtectionNotice } from './voice/SkuProtectionNotice.tsx';

// ECharts is most of the console's weight: it loads with the first chart, not with every page.
const LazyChart = lazy(() => import('./EChart.tsx'));

function EChart(props: { option: ChartOption; label: string }) {
  return (
    <Suspense fallback={<Skeleton rows={6} />}>
      <LazyChart {...props} />
    </Suspense>
  );
}

const WINDOWS = [7, 30, 90] as const;
const BRAND = '#c8102e';
const BLUE = '#0969da';
const AMBER = '#b35900';

/**
 * /merchant: what waits for the shop (each linking to its filtered list), the period's figures against
 * the period before, balances, and GMV, orders, refund and quality-refund rates per day as charts.
 */
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
      <SkuProtectionNotice />
      <SkeletonLoadState loaded={dashboard} rows={8}>
        {(d) => (
          <>
            <ToDo todo={d.todo} />
            <Today data={d} />
            <Figures data={d} />
            <MetricExclusions exclusions={d.exclusions} />
          </>
        )}
      </SkeletonLoadState>
      <SkeletonLoadState loaded={metrics} rows={4}>
        {(m) => <ByProduct metrics={m} />}
      </SkeletonLoadState>
      <FeedbackCard shopId={shop.id} />
    </section>
  );
}

function Figures({ data: d }: { data: DashboardData }) {
  const { t, percent, money } = useI18n();
  const b = d.balances;
  const rateCell = (bp: number | null) =>
    bp === null ? (
      <span className="hint">{t('merchant.home.rateHidden', { n: d.minOrdersForDailyRate })}</span>
    ) : (
      percent(bp / 10_000)
    );
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
          // null on a day with too few orders: a gap in the line, not a 100% spike
          data: d.series.map((s) => (s.refundRateBp === null ? null : s.refundRateBp / 100)),
        },
        {
          name: t('merchant.dash.qualityRefundRate'),
          type: 'line',
          itemStyle: { color: BRAND },
          data: d.series.map((s) => (s.qualityRefundRateBp === null ? null : s.qualityRefundRateBp / 100)),
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
      <h3>
        {t('merchant.home.figures')} · {t('merchant.dash.period', { from: d.from, to: d.to })}
      </h3>
      <div className="m-tiles">
        <Tile label={t('merchant.dash.gmv')}>
          <Money fen={d.totals.gmvFen} />
          <Change days={d.days} bp={d.previous.changeBp.gmvFen} />
        </Tile>
        <Tile label={t('merchant.dash.paidOrders')}>
          {d.totals.paidOrders}
          <Change days={d.days} bp={d.previous.changeBp.paidOrders} />
        </Tile>
        <Tile label={t('merchant.dash.refundFen')}>
          <Money fen={d.totals.refundFen} />
          <Change days={d.days} bp={d.previous.changeBp.refundFen} lowerIsBetter />
        </Tile>
        <Tile label={t('merchant.dash.refundRate')}>
          {percent(d.totals.refundRateBp / 10_000)}
          <PointsChange
            days={d.days}
            bp={d.totals.refundRateBp}
            previousBp={d.previous.totals.paidOrders > 0 ? d.previous.totals.refundRateBp : null}
          />
        </Tile>
        <Tile label={t('merchant.dash.qualityRefundRate')}>
          {percent(d.totals.qualityRefundRateBp / 10_000)}
          <PointsChange
            days={d.days}
            bp={d.totals.qualityRefundRateBp}
            previousBp={d.previous.totals.eligibleOrders > 0 ? d.previous.totals.qualityRefundRateBp : null}
          />
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
          <p className="hint m-rate-note">{t('merchant.home.rateMinNote', { n: d.minOrdersForDailyRate })}</p>
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
                <td>{rateCell(s.refundRateBp)}</td>
                <td>{rateCell(s.qualityRefundRateBp)}</td>
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
        <EmptyState
          title={t('merchant.dash.noOrders')}
          hint={t('merchant.home.noOrdersHint')}
          action={{ label: t('merchant.home.newProduct'), to: '/merchant/products/new' }}
        />
      ) : (
        <EChart option={option} label={t('merchant.dash.byProduct')} />
      )}
    </figure>
  );
}

type ToDoData = DashboardData['todo'];

/** The home's to-do panel: each item links to its list, filtered to what waits. */
function ToDo({ todo }: { todo: ToDoData }) {
  const { t, dateTime, money } = useI18n();
  const items: {
    key: string;
    to: string;
    label: string;
    value: string;
    due: string | null;
    urgent?: string | null;
    count: number;
  }[] = [
    {
      key: 'toShip',
      to: '/merchant/orders?view=to_ship',
      label: t('merchant.home.toShip'),
      value: t('merchant.home.toShipCount', { n: todo.toShip.count }),
      due: todo.toShip.soonestShipByAt
        ? t('merchant.home.toShipSoonest', { time: dateTime(todo.toShip.soonestShipByAt) })
        : null,
      urgent: todo.toShip.dueSoon > 0 ? t('merchant.home.dueSoon', { n: todo.toShip.dueSoon }) : null,
      count: todo.toShip.count,
    },
    {
      key: 'aftersales',
      to: '/merchant/aftersales?waiting=merchant',
      label: t('merchant.home.aftersales'),
      value: t('merchant.home.aftersalesCount', { n: todo.aftersales.count }),
      due: todo.aftersales.soonestDeadlineAt
        ? t('merchant.home.aftersalesSoonest', { time: dateTime(todo.aftersales.soonestDeadlineAt) })
        : null,
      count: todo.aftersales.count,
    },
    {
      key: 'violations',
      to: '/merchant/governance?state=warned',
      label: t('merchant.home.violations'),
      value: t('merchant.home.violationsCount', { n: todo.violations.count }),
      due: todo.violations.soonestFixBy
        ? t('merchant.home.violationsSoonest', { time: dateTime(todo.violations.soonestFixBy) })
        : null,
      count: todo.violations.count,
    },
    {
      key: 'chat',
      to: '/merchant/workstation',
      label: t('merchant.home.chat'),
      value: t('merchant.home.chatCount', { n: todo.chat.waiting }),
      due: todo.chat.longestWaitingSince
        ? t('merchant.home.chatSince', { time: dateTime(todo.chat.longestWaitingSince) })
        : null,
      count: todo.chat.waiting,
    },
    {
      key: 'deposit',
      to: '/merchant/onboarding#deposit',
      label: t('merchant.home.deposit'),
      value: todo.deposit.shortfallFen > 0 ? money(todo.deposit.shortfallFen) : t('merchant.home.nothing'),
      due: todo.deposit.topUpDueAt
        ? t('merchant.home.depositDue', { time: dateTime(todo.deposit.topUpDueAt) })
        : todo.deposit.shortfallFen > 0
          ? t('merchant.home.depositHint')
          : null,
      count: todo.deposit.shortfallFen > 0 ? 1 : 0,
    },
  ];
  const allDone = items.every((i) => i.count === 0);
  return (
    <section className="m-todo" aria-labelledby="m-todo-title">
      <h3 id="m-todo-title">{t('merchant.home.todo')}</h3>
      <ul className="m-todo-list">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              to={item.to}
              className={`m-todo-item${item.count > 0 ? ' m-todo-item-due' : ''}`}
              data-todo={item.key}
            >
              <span className="m-todo-label">{item.label}</span>
              <strong className="m-todo-value">
                {item.count > 0 ? item.value : t('merchant.home.nothing')}
              </strong>
              {item.urgent ? <span className="m-todo-urgent">{item.urgent}</span> : null}
              {item.due ? <span className="m-todo-due">{item.due}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
      {allDone ? (
        <EmptyState
          title={t('merchant.home.allDone')}
          hint={t('merchant.home.allDoneHint')}
          action={{ label: t('merchant.home.newProduct'), to: '/merchant/products/new' }}
        />
      ) : null}
    </section>
  );
}

/** "+12.0% vs the previous 7 days" under a figure; red when it went the wrong way. */
function Change({ days, bp, lowerIsBetter }: { days: number; bp: number | null; lowerIsBetter?: boolean }) {
  const { t, percent } = useI18n();
  if (bp === null) return <Delta>{t('merchant.home.vsPreviousNone', { n: days })}</Delta>;
  const sign = bp > 0 ? '+' : '';
  const worse = lowerIsBetter ? bp > 0 : bp < 0;
  return (
    <Delta tone={bp === 0 ? undefined : worse ? 'bad' : 'ok'}>
      {t('merchant.home.vsPrevious', { n: days, change: `${sign}${percent(bp / 10_000)}` })}
    </Delta>
  );
}

/** A rate's change in percentage points against the period before (higher refund rates are worse). */
function PointsChange({ days, bp, previousBp }: { days: number; bp: number; previousBp: number | null }) {
  const { t } = useI18n();
  if (previousBp === null) return <Delta>{t('merchant.home.vsPreviousNone', { n: days })}</Delta>;
  const diff = bp - previousBp;
  const change = `${diff > 0 ? '+' : diff < 0 ? '−' : ''}${(Math.abs(diff) / 100).toFixed(1)}`;
  return (
    <Delta tone={diff === 0 ? undefined : diff > 0 ? 'bad' : 'ok'}>
      {t('merchant.home.vsPreviousPoints', { n: days, change })}
    </Delta>
  );
}

function Delta({ tone, children }: { tone?: 'ok' | 'bad' | undefined; children: ReactNode }) {
  return <span className={`m-delta${tone ? ` m-delta-${tone}` : ''}`}>{children}</span>;
}

/** Today against yesterday (the last two days of the series), and the shop's live sessions today. */
function Today({ data: d }: { data: DashboardData }) {
  const { t, date, dateTime, tEnum } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const sessions = useLoad(
    () => unwrap(api.GET('/api/v1/me/live/sessions', { params: { query: { limit: 100 } } })),
    [api],
  );
  const today = d.series.at(-1);
  const yesterday = d.series.at(-2);
  if (!today || !yesterday) return null;
  const todayDate = date(new Date());
  const live = (sessions.data?.items ?? []).filter(
    (s) =>
      s.shop?.id === shop.id &&
      (s.state === 'live' || (s.state === 'scheduled' && date(s.scheduledAt) === todayDate)),
  );
  return (
    <div className="m-today">
      <section aria-labelledby="m-today-title">
        <h3 id="m-today-title">{t('merchant.home.today')}</h3>
        <div className="m-tiles">
          <Tile label={t('merchant.dash.gmv')}>
            <Money fen={today.gmvFen} />
            <DayChange today={today.gmvFen} yesterday={yesterday.gmvFen} />
          </Tile>
          <Tile label={t('merchant.dash.paidOrders')}>
            {today.paidOrders}
            <DayChange today={today.paidOrders} yesterday={yesterday.paidOrders} />
          </Tile>
          <Tile label={t('merchant.dash.refundFen')}>
            <Money fen={today.refundFen} />
            <DayChange today={today.refundFen} yesterday={yesterday.refundFen} lowerIsBetter />
          </Tile>
        </div>
      </section>
      <section aria-labelledby="m-live-today-title">
        <h3 id="m-live-today-title">{t('merchant.home.liveToday')}</h3>
        {sessions.data === undefined ? (
          <Skeleton rows={2} />
        ) : live.length === 0 ? (
          <EmptyState
            title={t('merchant.home.noLiveToday')}
            hint={t('merchant.home.noLiveTodayHint')}
            action={{ label: t('merchant.live.schedule'), to: '/merchant/live' }}
          />
        ) : (
          <ul className="m-live-today">
            {live.map((s) => (
              <li key={s.id}>
                <Link to="/merchant/live">{s.title}</Link> · {tEnum('merchant.liveState.', s.state)} ·{' '}
                {dateTime(s.startedAt ?? s.scheduledAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function DayChange({
  today,
  yesterday,
  lowerIsBetter,
}: {
  today: number;
  yesterday: number;
  lowerIsBetter?: boolean;
}) {
  const { t, percent } = useI18n();
  if (yesterday === 0) return <Delta>{t('merchant.home.vsYesterdayNone')}</Delta>;
  const ratio = (today - yesterday) / yesterday;
  const worse = lowerIsBetter ? ratio > 0 : ratio < 0;
  return (
    <Delta tone={ratio === 0 ? undefined : worse ? 'bad' : 'ok'}>
      {t('merchant.home.vsYesterday', { change: `${ratio > 0 ? '+' : ''}${percent(ratio)}` })}
    </Delta>
  );
}
