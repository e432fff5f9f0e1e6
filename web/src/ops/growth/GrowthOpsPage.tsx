import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { Badge } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { stepName } from '../../merchant/growth/step-name.ts';
import { mayUse } from '../access.ts';
import type { ProgrammeVersion } from './growth-ops-types.ts';
import { PayoutsSection } from './PayoutsSection.tsx';
import { VersionEditor } from './VersionEditor.tsx';

const pct = (bp: number) => `${bp / 100}%`;

/** /ops/growth: the programmes' versions (rules, when in force), the next version's editor, 斗金 payouts. */
export function GrowthOpsPage() {
  const { t } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const versions = useLoad(() => unwrap(api.GET('/api/v1/ops/growth/programmes')), [api]);
  return (
    <section className="stack">
      <h2>{t('growth.ops.title')}</h2>
      <p className="hint">{t('growth.ops.intro')}</p>
      <SkeletonLoadState loaded={versions} rows={6}>
        {(list) => (
          <>
            <VersionsTable versions={list.items} />
            {mayUse(account, ['rule_admin']) ? (
              <VersionEditor versions={list.items} onSaved={versions.reload} />
            ) : null}
          </>
        )}
      </SkeletonLoadState>
      {mayUse(account, ['arbiter']) ? <PayoutsSection /> : null}
    </section>
  );
}

function VersionsTable({ versions }: { versions: ProgrammeVersion[] }) {
  const { t, tEnum, dateTime, money } = useI18n();
  const now = Date.now();
  const status = (v: ProgrammeVersion) =>
    new Date(v.effectiveFrom).getTime() > now
      ? 'planned'
      : v.effectiveUntil && new Date(v.effectiveUntil).getTime() <= now
        ? 'retired'
        : 'inForce';
  return (
    <section className="card stack" aria-labelledby="growth-versions">
      <h3 id="growth-versions">{t('growth.ops.versions')}</h3>
      <ul className="stack">
        {versions.map((v) => (
          <li key={v.id} className="stack">
            <div className="row">
              <strong>{tEnum('growth.ops.programme.', v.programme)}</strong>
              <span>{t('growth.ops.version', { version: v.version })}</span>
              <Badge tone={status(v) === 'inForce' ? 'ok' : status(v) === 'planned' ? 'warn' : 'neutral'}>
                {t(`growth.ops.${status(v)}`)}
              </Badge>
              <span className="hint">
                {v.effectiveUntil
                  ? t('growth.ops.effectiveUntil', {
                      from: dateTime(v.effectiveFrom),
                      until: dateTime(v.effectiveUntil),
                    })
                  : t('growth.ops.effective', { from: dateTime(v.effectiveFrom) })}
              </span>
              {v.note ? <span data-user-text>{v.note}</span> : null}
            </div>
            {v.boost ? (
              <small className="hint">
                {t('growth.ops.boostTerms', {
                  credits: v.boost.creditsPerHour,
                  pct: pct(v.boost.weightBp),
                  max: v.boost.maxHours,
                  newPct: pct(v.boost.newShopBoostBp),
                  days: v.boost.newShopBoostDays,
                })}
              </small>
            ) : null}
            {v.steps.length > 0 ? (
              <ol>
                {v.steps.map((s) => (
                  <li key={s.code}>
                    {stepName(t, s)} · {t('growth.step.reward', { credits: s.rewardCredits })}
                  </li>
                ))}
              </ol>
            ) : null}
            {v.tiers.length > 0 ? (
              <ol>
                {v.tiers.map((x) => (
                  <li key={x.tier}>
                    {t('growth.quarter.tierN', { tier: x.tier })}：{t('growth.quarter.liveHours')}{' '}
                    {x.minLiveHours} · {t('growth.quarter.liveDays')} {x.minLiveDays} ·{' '}
                    {t('growth.quarter.videos')} {x.minProductVideos} · {t('growth.quarter.followers')}{' '}
                    {x.minFollowerGain} · {t('growth.quarter.listed')} {x.minListedProducts} →{' '}
                    {t('growth.quarter.tierRewardValue', {
                      credits: x.rewardCredits,
                      pct: pct(x.rebateBp),
                      cap: money(x.rebateCapFen),
                    })}
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
