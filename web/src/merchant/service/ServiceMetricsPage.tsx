import { useCallback } from 'react';
import { unwrap } from '../../api/client.ts';
import { useApi } from '../../common/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useShop } from '../shop.tsx';
import { FigureTable, MetricsReportPage } from './metrics-parts.tsx';
import './service.css';

/** /merchant/service/metrics (客服数据): the three metrics against their targets, per day and per agent. */
export function ServiceMetricsPage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const load = useCallback(
    (from: string, to: string) =>
      unwrap(
        api.GET('/api/v1/shops/{id}/chat/metrics', {
          params: { path: { id: shop.id }, query: { from, to } },
        }),
      ),
    [api, shop.id],
  );
  return (
    <MetricsReportPage
      title={t('service.metrics.title')}
      load={load}
      breakdown={(m) => (
        <FigureTable
          id="svc-agents"
          title={t('service.metrics.byAgent')}
          empty={t('service.metrics.noAgents')}
          nameHead={t('service.metrics.agent')}
          rows={m.agents.map((a) => ({ key: a.agentId, name: a.name, f: a }))}
        />
      )}
    />
  );
}
