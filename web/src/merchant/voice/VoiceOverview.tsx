import { type CSSProperties, lazy, Suspense, useMemo } from 'react';
import { Button } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { ChartOption } from '../EChart.tsx';
import { TOPIC_COLOURS, TOPICS, type Topic, type VoiceOverview } from './voice-types.ts';
import './voice.css';

// ECharts loads with the first chart, not with the console.
const LazyChart = lazy(() => import('../EChart.tsx'));

/** A topic's name with its colour, as in the charts. */
export function TopicTag({ topic }: { topic: Topic }) {
  const { tEnum } = useI18n();
  return (
    <span className="v-topic" style={{ '--v-colour': TOPIC_COLOURS[topic] } as CSSProperties}>
      {tEnum('voice.topic.', topic)}
    </span>
  );
}

/** The change against the period before, in words ("较上期 +20.0%"). */
function Change({
  current,
  previous,
  changeBp,
}: {
  current: number;
  previous: number;
  changeBp: number | null;
}) {
  const { t, percent } = useI18n();
  if (changeBp === null) return <small>{current > 0 ? t('voice.change.new') : t('voice.change.flat')}</small>;
  if (changeBp === 0 || current === previous) return <small>{t('voice.change.flat')}</small>;
  const p = percent(Math.abs(changeBp) / 10_000);
  return changeBp > 0 ? (
    <small className="v-up">{t('voice.change.up', { p })}</small>
  ) : (
    <small className="v-down">{t('voice.change.down', { p })}</small>
  );
}

/**
 * The topics of a period (用户之声): a tile per topic with its trend, the mentions per day and the
 * sources as charts, and the SKUs (and, for ops, the shops) most complained about per topic.
 * `onPickSku` narrows the examples below to one SKU.
 */
export function VoiceOverviewView({
  overview,
  showShops,
  onPickSku,
}: {
  overview: VoiceOverview;
  showShops: boolean;
  onPickSku?: (sku: { skuId: number; item: string | null }) => void;
}) {
  const { t, tEnum, date, zoneLabel } = useI18n();
  const dayText = (day: string) => date(`${day}T04:00:00Z`);
  const daysChart = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: overview.series.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: TOPICS.map((topic) => ({
        name: tEnum('voice.topic.', topic),
        type: 'line',
        color: TOPIC_COLOURS[topic],
        data: overview.series.map((d) => d.counts[topic]),
      })),
    }),
    [overview, tEnum],
  );
  const sourcesChart = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 88, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: overview.sources.map((s) => tEnum('voice.source.', s.source)) },
      series: [{ type: 'bar', name: t('voice.chart.sources'), data: overview.sources.map((s) => s.current) }],
    }),
    [overview, t, tEnum],
  );
  const nothing = overview.feedback.current === 0 && overview.feedback.previous === 0;
  return (
    <div className="stack" data-testid="voice-overview">
      <p className="hint">
        {t('voice.period', {
          from: dayText(overview.from),
          to: dayText(overview.to),
          previousFrom: dayText(overview.previousFrom),
          zone: zoneLabel(),
        })}
      </p>
      <div className="v-tiles">
        <div className="v-tile">
          <div className="v-tile-label">{t('voice.feedback')}</div>
          <div className="v-tile-value">
            {t('voice.feedbackCount', { n: overview.feedback.current, m: overview.feedback.previous })}
          </div>
        </div>
        {overview.totals.map((total) => (
          <div
            key={total.topic}
            className="v-tile"
            style={{ '--v-colour': TOPIC_COLOURS[total.topic] } as CSSProperties}
            data-testid={`voice-topic-${total.topic}`}
          >
            <div className="v-tile-label">{tEnum('voice.topic.', total.topic)}</div>
            <div className="v-tile-value">{t('voice.mentions', { n: total.current })}</div>
            <Change {...total} />
          </div>
        ))}
      </div>
      {nothing ? (
        <p className="empty">{t('voice.none')}</p>
      ) : (
        <div className="v-charts">
          <figure className="card">
            <figcaption>{t('voice.chart.days')}</figcaption>
            <Suspense fallback={null}>
              <LazyChart option={daysChart} label={t('voice.chart.days')} className="v-chart" />
            </Suspense>
          </figure>
          <figure className="card">
            <figcaption>{t('voice.chart.sources')}</figcaption>
            <Suspense fallback={null}>
              <LazyChart option={sourcesChart} label={t('voice.chart.sources')} className="v-chart" />
            </Suspense>
          </figure>
        </div>
      )}
      {overview.topSkus.length > 0 ? (
        <section>
          <h3>{t('voice.topSkus')}</h3>
          <table className="table" data-testid="voice-top-skus">
            <thead>
              <tr>
                <th>{t('voice.col.topic')}</th>
                <th>{t('voice.col.item')}</th>
                {showShops ? <th>{t('voice.col.shop')}</th> : null}
                <th>{t('voice.col.current')}</th>
                <th>{t('voice.col.previous')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.topSkus.map((row) => (
                <tr key={`${row.topic}-${row.skuId}`}>
                  <td>
                    <TopicTag topic={row.topic} />
                  </td>
                  <td>
                    {onPickSku ? (
                      <Button
                        kind="link"
                        onClick={() => onPickSku({ skuId: row.skuId, item: row.item })}
                        title={t('voice.example.showSku')}
                      >
                        <span data-user-text>{row.item ?? t('voice.example.noItem')}</span>
                      </Button>
                    ) : (
                      <span data-user-text>{row.item}</span>
                    )}
                  </td>
                  {showShops ? (
                    <td>
                      <span data-user-text>{row.shopName}</span>
                    </td>
                  ) : null}
                  <td>{row.current}</td>
                  <td>{row.previous}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {showShops && overview.topShops.length > 0 ? (
        <section>
          <h3>{t('voice.topShops')}</h3>
          <table className="table" data-testid="voice-top-shops">
            <thead>
              <tr>
                <th>{t('voice.col.topic')}</th>
                <th>{t('voice.col.shop')}</th>
                <th>{t('voice.col.current')}</th>
                <th>{t('voice.col.previous')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.topShops.map((row) => (
                <tr key={`${row.topic}-${row.shopId}`}>
                  <td>
                    <TopicTag topic={row.topic} />
                  </td>
                  <td>
                    <span data-user-text>{row.shopName}</span>
                  </td>
                  <td>{row.current}</td>
                  <td>{row.previous}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
