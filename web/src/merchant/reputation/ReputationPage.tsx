import { lazy, Suspense, useMemo, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { Skeleton, SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { ChartOption } from '../EChart.tsx';
import { PageHead, Tile } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import './reputation.css';
import { bandTone, metricValueText, scoreText } from './reputation-format.ts';
import type { Reputation, ReputationHistory } from './reputation-types.ts';

// ECharts loads with the first chart, not with the console.
const LazyChart = lazy(() => import('../EChart.tsx'));
const WINDOWS = [30, 90] as const;
const DAY_MS = 86_400_000;

/** /merchant/reputation (体验分): the score and its band, the three dimensions, what pulled it down, the trend. */
export function ReputationPage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const toast = useToast();
  const score = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/reputation', { params: { path: { id: shop.id } } })),
    [api, shop.id],
  );
  const config = useLoad(() => unwrap(api.GET('/api/v1/configuration')), [api]);
  const recompute = useAction(async () => {
    const fresh = await unwrap(
      api.POST('/api/v1/shops/{id}/reputation/recompute', { params: { path: { id: shop.id } }, body: {} }),
    );
    score.set(fresh);
    toast.success(t('reputation.recomputed'));
  });
  const cooldown = config.data?.config.reputation.recomputeCooldownMinutes;
  return (
    <section className="stack">
      <PageHead title={t('reputation.title')}>
        <Button kind="secondary" busy={recompute.busy} onClick={() => void recompute.run()}>
          {t('reputation.recompute')}
        </Button>
      </PageHead>
      <ErrorMessage error={recompute.error} />
      {cooldown ? <p className="hint">{t('reputation.recomputeHint', { minutes: cooldown })}</p> : null}
      <SkeletonLoadState loaded={score} rows={8}>
        {(s) => (
          <>
            <ScoreCard s={s} />
            <Drags s={s} />
            <Dimensions s={s} />
            <Exclusions s={s} />
            <Trend shopId={shop.id} version={s.computedAt ?? ''} />
          </>
        )}
      </SkeletonLoadState>
    </section>
  );
}

const windowDays = (s: Reputation) =>
  s.inputs ? Math.round((Date.parse(s.inputs.to) - Date.parse(s.inputs.from)) / DAY_MS) : 30;

function ScoreCard({ s }: { s: Reputation }) {
  const { t, dateTime } = useI18n();
  const days = windowDays(s);
  return (
    <section className="card stack" aria-labelledby="reputation-score">
      <p className="hint">{t('reputation.intro', { days })}</p>
      <div className="row">
        <h3 id="reputation-score" className="visually-hidden">
          {t('reputation.score')}
        </h3>
        <span className="m-score" data-testid="reputation-score">
          {s.score === null ? t(`reputation.band.${s.band}`) : scoreText(s.score)}
        </span>
        <Badge tone={bandTone(s.band)}>{t(`reputation.band.${s.band}`)}</Badge>
      </div>
      <p className="hint">{t('reputation.bandRule')}</p>
      {s.computedAt === null ? (
        <p>{t('reputation.neverComputed')}</p>
      ) : s.score === null ? (
        <p role="note">
          {t('reputation.notEnough', { days, n: s.completedOrders, min: s.minCompletedOrders ?? 30 })}
        </p>
      ) : (
        <p className="hint">{t('reputation.orders', { days, n: s.completedOrders })}</p>
      )}
      {s.computedAt ? (
        <p className="hint">
          {t('reputation.computedAt', { time: dateTime(s.computedAt) })}
          {s.configVersion ? ` · ${t('reputation.configVersion', { n: s.configVersion })}` : null}
        </p>
      ) : null}
    </section>
  );
}

function Drags({ s }: { s: Reputation }) {
  const { t } = useI18n();
  if (s.score === null) return null;
  return (
    <section className="card stack" aria-labelledby="reputation-drags">
      <h3 id="reputation-drags">{t('reputation.drags.title')}</h3>
      {s.drags.length === 0 ? (
        <p>{t('reputation.drags.none')}</p>
      ) : (
        <ol className="stack">
          {s.drags.map((d) => (
            <li key={d.metric}>
              <strong>
                {t('reputation.drags.line', {
                  metric: t(`reputation.metric.${d.metric}`),
                  value: metricValueText(t, d.metric, d.value),
                  sub: d.subScore.toFixed(2),
                  lost: d.lostPoints.toFixed(2),
                })}
              </strong>
              <p>{t(adviceKey(d.advice))}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const ADVICE_KEYS = {
  check_quality_before_shipping: 'reputation.advice.check_quality_before_shipping',
  answer_negative_reviews: 'reputation.advice.answer_negative_reviews',
  match_listing_to_goods: 'reputation.advice.match_listing_to_goods',
  ship_within_promise: 'reputation.advice.ship_within_promise',
  choose_faster_carrier: 'reputation.advice.choose_faster_carrier',
  pack_and_track_parcels: 'reputation.advice.pack_and_track_parcels',
  answer_aftersales_sooner: 'reputation.advice.answer_aftersales_sooner',
  refund_sooner: 'reputation.advice.refund_sooner',
  settle_before_arbitration: 'reputation.advice.settle_before_arbitration',
  staff_chat_in_hours: 'reputation.advice.staff_chat_in_hours',
  answer_chat_sooner: 'reputation.advice.answer_chat_sooner',
  solve_before_closing_chat: 'reputation.advice.solve_before_closing_chat',
} as const;

/** The words of an advice code; a code this page does not know yet shows a dash. */
function adviceKey(code: string) {
  return ADVICE_KEYS[code as keyof typeof ADVICE_KEYS] ?? 'reputation.noScore';
}

function Dimensions({ s }: { s: Reputation }) {
  const { t } = useI18n();
  const dims = ['product', 'logistics', 'service'] as const;
  return (
    <div className="m-tiles m-reputation-dims">
      {dims.map((dim) => {
        const d = s.dims.find((x) => x.dimension === dim);
        const metrics = s.metrics.filter((m) => m.dimension === dim);
        return (
          <section key={dim} className="card stack" aria-labelledby={`reputation-dim-${dim}`}>
            <Tile label={t(`reputation.dim.${dim}`)}>
              <span id={`reputation-dim-${dim}`}>
                {d?.score === null || d === undefined ? t('reputation.dim.none') : scoreText(d.score)}
              </span>
            </Tile>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('reputation.col.metric')}</th>
                  <th scope="col">{t('reputation.col.value')}</th>
                  <th scope="col">{t('reputation.col.subScore')}</th>
                </tr>
              </thead>
              <tbody>
                {metrics.map((m) => (
                  <tr key={m.metric}>
                    <th scope="row">{t(`reputation.metric.${m.metric}`)}</th>
                    <td>{metricValueText(t, m.metric, m.value)}</td>
                    <td>{scoreText(m.subScore)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {dim === 'service' ? <p className="hint">{t('reputation.chatLater')}</p> : null}
          </section>
        );
      })}
    </div>
  );
}

function Exclusions({ s }: { s: Reputation }) {
  const { t } = useI18n();
  const inputs = s.inputs;
  if (!inputs) return null;
  const none = inputs.excludedHighRefund === 0 && inputs.excludedFreightAbuse === 0;
  return (
    <section className="card stack" aria-labelledby="reputation-excluded">
      <h3 id="reputation-excluded">{t('reputation.excluded.title')}</h3>
      {none ? (
        <p>{t('reputation.excluded.none', { days: windowDays(s) })}</p>
      ) : (
        <ul>
          <li>{t('reputation.excluded.highRefund', { n: inputs.excludedHighRefund })}</li>
          <li>{t('reputation.excluded.freightAbuse', { n: inputs.excludedFreightAbuse })}</li>
        </ul>
      )}
      <p className="hint">{t('reputation.excluded.explain')}</p>
    </section>
  );
}

function Trend({ shopId, version }: { shopId: number; version: string }) {
  const { t } = useI18n();
  const api = useApi();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(30);
  const history = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/reputation/history', {
          params: { path: { id: shopId }, query: { days } },
        }),
      ),
    [api, shopId, days, version],
  );
  return (
    <section className="card stack" aria-labelledby="reputation-trend">
      <div className="m-page-head">
        <h3 id="reputation-trend">{t('reputation.trend.title')}</h3>
        <SelectField
          label={t('reputation.trend.window')}
          name="days"
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as (typeof WINDOWS)[number])}
        >
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              {t('reputation.trend.days', { n: d })}
            </option>
          ))}
        </SelectField>
      </div>
      <SkeletonLoadState loaded={history} rows={6}>
        {(h) =>
          h.items.length === 0 ? <p>{t('reputation.trend.empty')}</p> : <TrendBody h={h} days={days} />
        }
      </SkeletonLoadState>
    </section>
  );
}

function TrendBody({ h, days }: { h: ReputationHistory; days: number }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const dim = (name: 'product' | 'logistics' | 'service') =>
      h.items.map((i) => i.dims.find((d) => d.dimension === name)?.score ?? null);
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: h.items.map((i) => i.day.slice(5)) },
      yAxis: { type: 'value', min: 0, max: 5 },
      series: [
        { name: t('reputation.score'), type: 'line', data: h.items.map((i) => i.score), color: '#c8102e' },
        { name: t('reputation.dim.product'), type: 'line', data: dim('product'), color: '#0969da' },
        { name: t('reputation.dim.logistics'), type: 'line', data: dim('logistics'), color: '#1a7f37' },
        { name: t('reputation.dim.service'), type: 'line', data: dim('service'), color: '#b35900' },
      ],
    };
  }, [h, t]);
  const label = t('reputation.trend.chart', { n: days });
  return (
    <>
      <figure className="m-figure">
        <figcaption className="visually-hidden">{label}</figcaption>
        <Suspense fallback={<Skeleton rows={6} />}>
          <LazyChart option={option} label={label} />
        </Suspense>
      </figure>
      <h4>{t('reputation.history.title')}</h4>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('reputation.col.day')}</th>
            <th scope="col">{t('reputation.col.score')}</th>
            <th scope="col">{t('reputation.col.band')}</th>
            <th scope="col">{t('reputation.col.orders')}</th>
            <th scope="col">{t('reputation.col.computedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {[...h.items].reverse().map((i) => (
            <tr key={i.day}>
              <td>{i.day}</td>
              <td>{scoreText(i.score)}</td>
              <td>
                <Badge tone={bandTone(i.band)}>{t(`reputation.band.${i.band}`)}</Badge>
              </td>
              <td>{i.completedOrders}</td>
              <td>
                <DateTime value={i.computedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
