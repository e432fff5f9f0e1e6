import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { offsetMinutes, platformTimeZone } from '../../i18n/time-zone.ts';
import { PageHead } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import { DayCharts, DayTable, FigureCells, FigureHeads, Totals } from './metrics-parts.tsx';
import './service.css';
import type { ChatMetrics } from './service-types.ts';

const WINDOWS = [7, 14, 30] as const;
const DAY_MS = 86_400_000;

/** The platform day `n` days before today, YYYY-MM-DD, on the platform's calendar. */
function dayBefore(n: number) {
  const now = Date.now();
  const offset = offsetMinutes(now, platformTimeZone());
  return new Date(now + offset * 60_000 - n * DAY_MS).toISOString().slice(0, 10);
}

/** /merchant/service/metrics (客服数据): the three metrics against their targets, per day and per agent. */
export function ServiceMetricsPage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(7);
  const metrics = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/chat/metrics', {
          params: {
            path: { id: shop.id },
            query: { from: dayBefore(days - 1), to: dayBefore(0) },
          },
        }),
      ),
    [api, shop.id, days],
  );
  return (
    <section className="stack">
      <PageHead title={t('service.metrics.title')}>
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
      <SkeletonLoadState loaded={metrics} rows={8}>
        {(m) => (
          <>
            <Totals m={m} />
            <DayCharts m={m} />
            <DayTable m={m} />
            <Agents m={m} />
          </>
        )}
      </SkeletonLoadState>
    </section>
  );
}

function Agents({ m }: { m: ChatMetrics }) {
  const { t } = useI18n();
  return (
    <section className="card stack" aria-labelledby="svc-agents">
      <h3 id="svc-agents">{t('service.metrics.byAgent')}</h3>
      {m.agents.length === 0 ? (
        <p>{t('service.metrics.noAgents')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('service.metrics.agent')}</th>
              <FigureHeads />
            </tr>
          </thead>
          <tbody>
            {m.agents.map((a) => (
              <tr key={a.agentId}>
                <th scope="row" data-user-text>
                  {a.name}
                </th>
                <FigureCells f={a} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
