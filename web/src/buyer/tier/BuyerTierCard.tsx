import { unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import './tier.css';

type BuyerTier = paths['/api/v1/me/buyer-tier']['get']['responses']['200']['content']['application/json'];

/**
 * The buyer's tier (product rules §7.6) on their own page: 优质买家 and what it gives (claims refunded at
 * once up to an amount), or what is still missing, each condition with its figures.
 */
export function BuyerTierCard() {
  const api = useApi();
  const tier = useLoad(() => unwrap(api.GET('/api/v1/me/buyer-tier')), [api]);
  return (
    <SkeletonLoadState loaded={tier} rows={2}>
      {(data) => <TierCard tier={data} />}
    </SkeletonLoadState>
  );
}

function TierCard({ tier }: { tier: BuyerTier }) {
  const { t, lang, money, dateTime } = useI18n();
  const good = tier.tier === 'good';
  return (
    <section className={`card buyer-tier ${good ? 'buyer-tier-good' : ''}`} data-testid="buyer-tier">
      <div className="buyer-tier-head">
        <span className="hint">{t('tier.title')}</span>
        <strong className="buyer-tier-name">{good ? t('tier.goodPerk') : t('tier.standard')}</strong>
      </div>
      <p>{good ? t('tier.perkDetail', { amount: money(tier.fastClaimMaxFen) }) : t('tier.standardDetail')}</p>
      <details open={!good}>
        <summary>{t('tier.conditions')}</summary>
        <ul className="buyer-tier-conditions">
          {tier.conditions.map((c) => (
            <li key={c.condition} className={c.holds ? 'holds' : 'fails'}>
              <span aria-hidden="true">{c.holds ? '✓' : '✗'}</span>{' '}
              <strong>{t(`tier.cond.${c.condition}` as MessageKey)}</strong>{' '}
              <span className="hint">({c.holds ? t('tier.holds') : t('tier.fails')})</span>
              <div className="hint">{lang === 'zh' ? c.explanation.zh : c.explanation.en}</div>
            </li>
          ))}
        </ul>
        <p className="hint">{t('tier.evaluatedAt', { time: dateTime(tier.evaluatedAt) })}</p>
      </details>
    </section>
  );
}
