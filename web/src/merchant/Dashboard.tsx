import { useMemo, useState } from 'react';
import { unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../shared/hooks.ts';
import { useApi } from '../shared/session.tsx';
import { Empty, LoadState, Money, SelectField } from '../shared/ui.tsx';
import { type ChartOption, EChart } from './EChart.tsx';
import { PageHead, Tile } from './parts.tsx';
import { useShop } from './shop.tsx';
import type { Metrics } from './types.ts';

const WINDOWS = [7, 30, 90] as const;

/** /merchant: balances, and sales and refund figures over time as charts. */
export function Dashboard() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(30);
  const balances = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/balances', { params: { path: { id: shop.id } } })),
    [api, shop.id],
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
      <h3>{t('merchant.dash.balances')}</h3>
      <LoadState loaded={balances}>
        {(b) => (
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
        )}
      </LoadState>
      <LoadState loaded={metrics}>{(m) => <RefundFigures metrics={m} />}</LoadState>
    </section>
  );
}

function RefundFigures({ metrics: m }: { metrics: Metrics }) {
  const { t, percent } = useI18n();
  const products = m.products.filter((p) => p.paidOrders > 0).slice(0, 10);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 64 },
      xAxis: {
        type: 'category',
        data: products.map((p) => (p.title.length > 8 ? `${p.title.slice(0, 8)}…` : p.title)),
        axisLabel: { rotate: 20 },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
      series: [
        { name: t('merchant.dash.refundRate'), type: 'bar', data: products.map((p) => p.refundRateBp / 100) },
        {
          name: t('merchant.dash.qualityRefundRate'),
          type: 'bar',
          data: products.map((p) => p.qualityRefundRateBp / 100),
        },
      ],
    }),
    [products, t],
  );
  return (
    <>
      <h3>{t('merchant.dash.refunds', { n: m.windowDays })}</h3>
      <div className="m-tiles">
        <Tile label={t('merchant.dash.paidOrders')}>{m.shop.paidOrders}</Tile>
        <Tile label={t('merchant.dash.refundRequests')}>{m.shop.refundRequests}</Tile>
        <Tile label={t('merchant.dash.refundRate')}>{percent(m.shop.refundRateBp / 10_000)}</Tile>
        <Tile label={t('merchant.dash.qualityRefundRate')}>
          {percent(m.shop.qualityRefundRateBp / 10_000)}
        </Tile>
      </div>
      <div className="card">
        <h4>{t('merchant.dash.byProduct')}</h4>
        {products.length === 0 ? (
          <Empty>{t('merchant.dash.noOrders')}</Empty>
        ) : (
          <EChart option={option} label={t('merchant.dash.byProduct')} />
        )}
      </div>
    </>
  );
}
