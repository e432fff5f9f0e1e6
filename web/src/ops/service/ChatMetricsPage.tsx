import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { offsetMinutes, platformTimeZone } from '../../i18n/time-zone.ts';
import {
  DayCharts,
  DayTable,
  FigureCells,
  FigureHeads,
  Totals,
} from '../../merchant/service/metrics-parts.tsx';
import type { OpsChatMetrics } from '../../merchant/service/service-types.ts';
import { PageHead } from '../parts.tsx';

const WINDOWS = [7, 14, 30] as const;
const DAY_MS = 86_400_000;

function dayBefore(n: number) {
  const now = Date.now();
  return new Date(now + offsetMinutes(now, platformTimeZone()) * 60_000 - n * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** 客服数据 (product rules §8.3): the platform's customer-service metrics against the targets, per day and per shop. */
export function ChatMetricsPage() {
  const { t } = useI18n();
  const api = useApi();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(7);
  const report = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/ops/chat/metrics', {
          params: { query: { from: dayBefore(days - 1), to: dayBefore(0) } },
        }),
      ),
    [api, days],
  );
  return (
    <section className="stack">
      <PageHead title={t('ops.chatMetrics.title')}>
        <SelectField
          label={t('service.metrics.window')}
          name="days"
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as (typeof WINDOWS)[number])}
        >
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              {t('service.metrics.days', { n: d })}
            </option>
          ))}
        </SelectField>
      </PageHead>
      <p className="hint">{t('service.metrics.intro')}</p>
      <SkeletonLoadState loaded={report} rows={8}>
        {(m) => (
          <>
            <Totals m={m} />
            <DayCharts m={m} />
            <Shops m={m} />
            <DayTable m={m} />
          </>
        )}
      </SkeletonLoadState>
    </section>
  );
}

function Shops({ m }: { m: OpsChatMetrics }) {
  const { t } = useI18n();
  return (
    <section className="card stack" aria-labelledby="ops-chat-shops">
      <h3 id="ops-chat-shops">{t('ops.chatMetrics.byShop')}</h3>
      {m.shops.length === 0 ? (
        <p>{t('ops.chatMetrics.noShops')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('ops.chatMetrics.shop')}</th>
              <FigureHeads />
            </tr>
          </thead>
          <tbody>
            {m.shops.map((s) => (
              <tr key={s.shopId}>
                <th scope="row" data-user-text>
                  {s.name}
                </th>
                <FigureCells f={s} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
