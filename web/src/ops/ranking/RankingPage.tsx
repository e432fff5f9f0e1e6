import { lazy, Suspense, useMemo, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState, useConfirm } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { Button, Empty, ErrorMessage, Form, TextArea, TextField } from '../../common/ui.tsx';
import { isMessageKey, type MessageKey, useI18n } from '../../i18n/index.tsx';
import type { ChartOption } from '../../merchant/EChart.tsx';
import { mayUse } from '../access.ts';

import './ranking.css';

const LazyChart = lazy(() => import('../../merchant/EChart.tsx'));

const WEIGHTS = [
  'salesWeight',
  'salesCap',
  'ratingWeight',
  'ratingMinReviews',
  'completenessWeight',
  'scoreWeight',
  'badgeFactor',
  'qualityRefundWeight',
  'qualityRefundCapBp',
  'repeatWeight',
  'repeatTargetBp',
  'trafficLimitFactor',
  'newMerchantFactor',
  'newMerchantDays',
  'boostCapFactor',
  'liveViewersWeight',
  'liveLikesWeight',
  'liveSalesWeight',
  'perShopPerPage',
  'refreshEveryMs',
] as const;
type Weights = Record<(typeof WEIGHTS)[number], number>;

const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;

/** /ops/ranking: the ranking weights (a new configuration version) and the CTR/conversion report. */
export function RankingPage() {
  const { t } = useI18n();
  return (
    <section className="stack">
      <h2>{t('discovery.ops.title')}</h2>
      <RankingReport />
      <WeightsEditor />
    </section>
  );
}

function WeightsEditor() {
  const { t } = useI18n();
  const api = useApi();
  const current = useLoad(() => unwrap(api.GET('/api/v1/configuration')), [api]);
  return (
    <section className="stack" aria-labelledby="ranking-weights">
      <h3 id="ranking-weights">{t('discovery.ops.weights')}</h3>
      <p className="hint">{t('discovery.ops.weightsHint')}</p>
      <SkeletonLoadState loaded={current} rows={6}>
        {(c) => (
          <WeightsForm
            key={c.version}
            version={c.version}
            weights={c.config.ranking as unknown as Weights}
            onSaved={() => current.reload()}
          />
        )}
      </SkeletonLoadState>
    </section>
  );
}

function WeightsForm({ version, weights, onSaved }: { version: number; weights: Weights; onSaved(): void }) {
  const { t } = useI18n();
  const { api, account } = useSession();
  const confirm = useConfirm();
  const editable = mayUse(account, ['rule_admin']);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(WEIGHTS.map((k) => [k, String(weights[k])])),
  );
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string>();
  const save = useAction(async () => {
    if (!(await confirm({ title: t('discovery.ops.save'), body: t('discovery.ops.confirmSave') }))) return;
    const ranking = Object.fromEntries(WEIGHTS.map((k) => [k, Number(values[k])]));
    const next = await unwrap(
      api.POST('/api/v1/ops/configuration', { body: { changes: { ranking }, note } }),
    );
    setNote('');
    setDone(t('discovery.ops.saved', { v: next.version }));
    onSaved();
  });
  const refresh = useAction(async () => {
    const result = await unwrap(api.POST('/api/v1/ops/discovery/ranks/refresh'));
    setDone(t('discovery.ops.refreshed', { n: result.ranked }));
  });
  return (
    <Form label={t('discovery.ops.weights')} className="form o-wide-form" onSubmit={() => save.run()}>
      <p className="hint">{t('discovery.ops.version', { v: version })}</p>
      <div className="o-fields">
        {WEIGHTS.map((k) => (
          <TextField
            key={k}
            label={t(`discovery.ops.w.${k}` as MessageKey)}
            name={`changes.ranking.${k}`}
            inputMode="decimal"
            value={values[k] ?? ''}
            readOnly={!editable}
            onChange={(e) => {
              setDone(undefined);
              setValues({ ...values, [k]: e.target.value });
            }}
            error={save.error}
          />
        ))}
      </div>
      {editable ? (
        <>
          <TextArea
            label={t('discovery.ops.note')}
            name="note"
            value={note}
            required
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            error={save.error}
          />
          <ErrorMessage error={save.error ?? refresh.error} />
          {done ? (
            <p className="notice" role="status">
              {done}
            </p>
          ) : null}
          <div className="row">
            <Button type="submit" busy={save.busy}>
              {t('discovery.ops.save')}
            </Button>
            <Button type="button" kind="secondary" busy={refresh.busy} onClick={() => refresh.run()}>
              {t('discovery.ops.refresh')}
            </Button>
          </div>
        </>
      ) : null}
    </Form>
  );
}

interface Row {
  dimension: string;
  bucket: string;
  impressions: number;
  clicks: number;
  conversions: number;
  ctrBp: number;
  conversionBp: number;
}

function RankingReport() {
  const { t } = useI18n();
  const api = useApi();
  const [days, setDays] = useState(7);
  const period = useMemo(() => {
    const to = new Date(Date.now() + 60_000);
    return { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
  }, [days]);
  const report = useLoad(
    () => unwrap(api.GET('/api/v1/ops/discovery/report', { params: { query: period } })),
    [api, period],
  );
  const bucketName = (row: Row) => {
    const key = `discovery.ops.b.${row.bucket}`;
    return isMessageKey(key) ? t(key as MessageKey) : row.bucket;
  };
  return (
    <section className="stack" aria-labelledby="ranking-report">
      <h3 id="ranking-report">{t('discovery.ops.report')}</h3>
      <p className="hint">{t('discovery.ops.reportHint')}</p>
      <label>
        {t('discovery.ops.period')}{' '}
        <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {[1, 7, 30].map((n) => (
            <option key={n} value={n}>
              {t('discovery.ops.days', { n })}
            </option>
          ))}
        </select>
      </label>
      <SkeletonLoadState loaded={report} rows={6}>
        {(r) => {
          const rows = r.rows as Row[];
          const positions = rows.filter((x) => x.dimension === 'position');
          if (positions.length === 0) return <Empty>{t('discovery.ops.noData')}</Empty>;
          const option: ChartOption = {
            tooltip: { trigger: 'axis' },
            legend: { data: [t('discovery.ops.ctr'), t('discovery.ops.cvr')] },
            xAxis: {
              type: 'category',
              data: positions.map((p) => p.bucket),
              name: t('discovery.ops.position'),
            },
            yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
            series: [
              { name: t('discovery.ops.ctr'), type: 'bar', data: positions.map((p) => p.ctrBp / 100) },
              {
                name: t('discovery.ops.cvr'),
                type: 'line',
                data: positions.map((p) => p.conversionBp / 100),
              },
            ],
          };
          const table = (list: Row[], first: string, name: (row: Row) => string) => (
            <table className="table">
              <thead>
                <tr>
                  <th>{first}</th>
                  <th>{t('discovery.ops.impressions')}</th>
                  <th>{t('discovery.ops.clicks')}</th>
                  <th>{t('discovery.ops.conversions')}</th>
                  <th>{t('discovery.ops.ctr')}</th>
                  <th>{t('discovery.ops.cvr')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((row) => (
                  <tr key={`${row.dimension}-${row.bucket}`}>
                    <td>{name(row)}</td>
                    <td>{row.impressions}</td>
                    <td>{row.clicks}</td>
                    <td>{row.conversions}</td>
                    <td>{pct(row.ctrBp)}</td>
                    <td>{pct(row.conversionBp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
          return (
            <>
              <h4>{t('discovery.ops.byPosition')}</h4>
              <Suspense fallback={null}>
                <LazyChart option={option} label={t('discovery.ops.byPosition')} className="o-rank-chart" />
              </Suspense>
              {table(positions, t('discovery.ops.position'), (row) => row.bucket)}
              <h4>{t('discovery.ops.bySignal')}</h4>
              {table(
                rows.filter((x) => x.dimension !== 'position'),
                t('discovery.ops.bucket'),
                (row) => `${t(`discovery.ops.dim.${row.dimension}` as MessageKey)} · ${bucketName(row)}`,
              )}
            </>
          );
        }}
      </SkeletonLoadState>
    </section>
  );
}
