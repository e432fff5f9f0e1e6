import { Badge, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Tile } from '../parts.tsx';
import { type Growth, pctOf, type QuarterResult } from './growth-types.ts';

const TONE: Record<QuarterResult['state'], string> = {
  measuring: 'brand',
  due: 'warn',
  not_earned: 'neutral',
  paid: 'ok',
};

/** "2026-Q4" for people: 2026年第4季度. */
function useQuarterName() {
  const { t } = useI18n();
  return (code: string) => {
    const [year, q] = code.split('-Q');
    return t('growth.quarter.name', { year: year!, q: q! });
  };
}

/** 斗金: this quarter's indicators against each tier's requirements, the tier reached and its rewards. */
export function QuarterCard({ g }: { g: Growth }) {
  const { t, tEnum, dateTime, money } = useI18n();
  const quarterName = useQuarterName();
  const q = g.quarter;
  const rows: { label: string; now: number; need: (tier: Growth['tiers'][number]) => number }[] = q
    ? [
        {
          label: t('growth.quarter.liveHours'),
          now: Math.floor(q.liveMinutes / 6) / 10,
          need: (x) => x.minLiveHours,
        },
        { label: t('growth.quarter.liveDays'), now: q.liveDays, need: (x) => x.minLiveDays },
        { label: t('growth.quarter.videos'), now: q.productVideos, need: (x) => x.minProductVideos },
        { label: t('growth.quarter.followers'), now: q.followerGain, need: (x) => x.minFollowerGain },
        { label: t('growth.quarter.listed'), now: q.listedProducts, need: (x) => x.minListedProducts },
      ]
    : [];
  return (
    <section className="card stack" aria-labelledby="growth-quarter">
      <div className="row">
        <h3 id="growth-quarter">{t('growth.quarter.title')}</h3>
        {q ? (
          <>
            <strong>{quarterName(q.quarter)}</strong>
            <span className="hint">
              {t('growth.quarter.range', { start: dateTime(q.quarterStart), end: dateTime(q.quarterEnd) })}
            </span>
            <Badge tone={TONE[q.state]}>{tEnum('growth.quarter.state.', q.state)}</Badge>
          </>
        ) : null}
      </div>
      <p className="hint">{t('growth.quarter.hint')}</p>
      {!q ? (
        <p className="empty">{t('growth.quarter.none')}</p>
      ) : (
        <>
          <div className="m-tiles">
            <Tile label={t('growth.quarter.tier')}>
              {q.tier === null ? t('growth.quarter.noTier') : t('growth.quarter.tierN', { tier: q.tier })}
            </Tile>
            <Tile label={t('growth.quarter.gmv')}>
              <Money fen={q.gmvFen} />
            </Tile>
            <Tile label={t('growth.quarter.rebate')}>
              <Money fen={q.rebateFen} />
            </Tile>
            <Tile label={t('growth.quarter.rewardCredits')}>{q.rewardCredits}</Tile>
          </div>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('growth.quarter.col.indicator')}</th>
                <th scope="col">{t('growth.quarter.col.current')}</th>
                {g.tiers.map((tier) => (
                  <th scope="col" key={tier.tier}>
                    {t('growth.quarter.col.tier', { tier: tier.tier })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td>{row.now}</td>
                  {g.tiers.map((tier) => (
                    <td key={tier.tier} className={row.now >= row.need(tier) ? 'g-met' : undefined}>
                      {row.need(tier)}
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">{t('growth.quarter.tierReward')}</th>
                <td />
                {g.tiers.map((tier) => (
                  <td key={tier.tier}>
                    {t('growth.quarter.tierRewardValue', {
                      credits: tier.rewardCredits,
                      pct: pctOf(tier.rebateBp),
                      cap: money(tier.rebateCapFen),
                    })}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <p className="hint">{t('growth.quarter.measuredAt', { time: dateTime(q.measuredAt) })}</p>
        </>
      )}
      {g.pastQuarters.length > 0 ? (
        <>
          <h4>{t('growth.quarter.past')}</h4>
          <ul>
            {g.pastQuarters.map((p) => (
              <li key={p.quarter}>
                {quarterName(p.quarter)} ·{' '}
                {p.tier === null ? t('growth.quarter.noTier') : t('growth.quarter.tierN', { tier: p.tier })} ·{' '}
                <Money fen={p.rebateFen} /> · {p.rewardCredits} · {tEnum('growth.quarter.state.', p.state)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
