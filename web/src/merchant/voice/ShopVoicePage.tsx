import { useCallback, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import { type ExampleQuery, FeedbackExamples } from './FeedbackExamples.tsx';
import { SkuProtectionNotice } from './SkuProtectionNotice.tsx';
import { VoiceOverviewView } from './VoiceOverview.tsx';
import { PERIODS, type Period } from './voice-types.ts';

/** /merchant/voice (用户之声): what the shop's buyers complain about, by topic and SKU, with their words. */
export function ShopVoicePage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [days, setDays] = useState<Period>(7);
  const [sku, setSku] = useState<{ skuId: number; item: string | null }>();
  const overview = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/voice/overview', { params: { path: { id: shop.id }, query: { days } } }),
      ),
    [api, shop.id, days],
  );
  const loadExamples = useCallback(
    (query: ExampleQuery) =>
      unwrap(api.GET('/api/v1/shops/{id}/voice/feedback', { params: { path: { id: shop.id }, query } })),
    [api, shop.id],
  );
  return (
    <section className="stack">
      <PageHead title={t('voice.title')}>
        <SelectField
          label={t('voice.window')}
          name="days"
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as Period)}
        >
          {PERIODS.map((d) => (
            <option key={d} value={d}>
              {t('voice.days', { n: d })}
            </option>
          ))}
        </SelectField>
      </PageHead>
      <p className="hint">{t('voice.shopIntro')}</p>
      <SkuProtectionNotice />
      <SkeletonLoadState loaded={overview} rows={4}>
        {(o) => <VoiceOverviewView overview={o} showShops={false} onPickSku={setSku} />}
      </SkeletonLoadState>
      <FeedbackExamples load={loadExamples} sku={sku} onClearSku={() => setSku(undefined)} showShop={false} />
    </section>
  );
}
