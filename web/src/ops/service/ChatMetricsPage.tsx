import { useCallback } from 'react';
import { unwrap } from '../../api/client.ts';
import { useApi } from '../../common/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FigureTable, MetricsReportPage } from '../../merchant/service/metrics-parts.tsx';
import { PageHead } from '../parts.tsx';

/** 客服数据 (product rules §8.3): the platform's customer-service metrics against the targets, per day and per shop. */
export function ChatMetricsPage() {
  const { t } = useI18n();
  const api = useApi();
  const load = useCallback(
    (from: string, to: string) =>
      unwrap(api.GET('/api/v1/ops/chat/metrics', { params: { query: { from, to } } })),
    [api],
  );
  return (
    <MetricsReportPage
      title={t('ops.chatMetrics.title')}
      load={load}
      Head={PageHead}
      breakdown={(m) => (
        <FigureTable
          id="ops-chat-shops"
          title={t('ops.chatMetrics.byShop')}
          empty={t('ops.chatMetrics.noShops')}
          nameHead={t('ops.chatMetrics.shop')}
          rows={m.shops.map((s) => ({ key: s.shopId, name: s.name, f: s }))}
        />
      )}
    />
  );
}
