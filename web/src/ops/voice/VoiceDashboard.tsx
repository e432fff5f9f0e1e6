import { useCallback, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type ExampleQuery, FeedbackExamples } from '../../merchant/voice/FeedbackExamples.tsx';
import { VoiceOverviewView } from '../../merchant/voice/VoiceOverview.tsx';
import { PERIODS, type Period } from '../../merchant/voice/voice-types.ts';
import { PageHead } from '../parts.tsx';

/**
 * /ops/voice (用户之声, product rules §8.4): the platform's feedback by topic against the period before,
 * per day, the shops and SKUs most complained about, examples in the buyers' words, and how much of
 * each source has been read.
 */
export function VoiceDashboard() {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const [days, setDays] = useState<Period>(7);
  const [sku, setSku] = useState<{ skuId: number; item: string | null }>();
  const overview = useLoad(
    () => unwrap(api.GET('/api/v1/ops/voice/overview', { params: { query: { days } } })),
    [api, days],
  );
  const coverage = useLoad(() => unwrap(api.GET('/api/v1/ops/voice/ingestion')), [api]);
  const loadExamples = useCallback(
    (query: ExampleQuery) => unwrap(api.GET('/api/v1/ops/voice/feedback', { params: { query } })),
    [api],
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
      <p className="hint">{t('voice.opsIntro')}</p>
      <SkeletonLoadState loaded={overview} rows={4}>
        {(o) => <VoiceOverviewView overview={o} showShops onPickSku={setSku} />}
      </SkeletonLoadState>
      <FeedbackExamples load={loadExamples} sku={sku} onClearSku={() => setSku(undefined)} showShop />
      {coverage.data && coverage.data.length > 0 ? (
        <details>
          <summary>{t('voice.coverage')}</summary>
          <ul>
            {coverage.data.map((c) => (
              <li key={c.source}>
                {t('voice.coverageLine', {
                  source: tEnum('voice.source.', c.source),
                  read: c.readCount,
                  topical: c.topical,
                })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
