import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { DateTime, SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import './nps.css';

const WINDOWS = [30, 90, 180] as const;

/** 净推荐值 (product rules §7.3): the platform's NPS over a period, its answers and the response rate. */
export function PlatformNps() {
  const { t, percent } = useI18n();
  const api = useApi();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(90);
  const report = useLoad(
    () => unwrap(api.GET('/api/v1/ops/nps', { params: { query: { days } } })),
    [api, days],
  );
  return (
    <section>
      <PageHead title={t('ops.nps.title')}>
        <SelectField
          label={t('ops.nps.window')}
          name="days"
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as (typeof WINDOWS)[number])}
        >
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              {t('ops.nps.days', { n: d })}
            </option>
          ))}
        </SelectField>
      </PageHead>
      <p className="hint">{t('ops.nps.intro')}</p>
      <SkeletonLoadState loaded={report} rows={3}>
        {(r) => (
          <div className="card stack" data-testid="platform-nps">
            <p>
              <strong className="o-big-figure">{r.platform.nps === null ? '—' : r.platform.nps}</strong>
            </p>
            <dl className="facts">
              <dt>{t('ops.nps.answers')}</dt>
              <dd>{r.platform.responses}</dd>
              <dt>{t('ops.nps.offered')}</dt>
              <dd>{r.offered}</dd>
              <dt>{t('ops.nps.responseRate')}</dt>
              <dd>{r.offered > 0 ? percent(r.platform.responses / r.offered) : '—'}</dd>
              <dt>{t('ops.nps.promoters')}</dt>
              <dd>{r.platform.promoters}</dd>
              <dt>{t('ops.nps.passives')}</dt>
              <dd>{r.platform.passives}</dd>
              <dt>{t('ops.nps.detractors')}</dt>
              <dd>{r.platform.detractors}</dd>
            </dl>
            <small className="hint">
              <DateTime value={r.from} /> – <DateTime value={r.to} />
            </small>
          </div>
        )}
      </SkeletonLoadState>
    </section>
  );
}
