import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Tile } from '../parts.tsx';

interface Figure {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
}

/**
 * The dashboard's 回头客与推荐度 card (product rules §7.3): the repeat-customer index at 14/30/90 days
 * with each window's buyers, and the shop's NPS beside the platform's with the number of answers.
 */
export function FeedbackCard({ shopId }: { shopId: number }) {
  const { t, percent } = useI18n();
  const api = useApi();
  const card = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/dashboard/feedback', { params: { path: { id: shopId } } })),
    [api, shopId],
  );
  const share = (bp: number | null) => (bp === null ? t('merchant.feedback.none') : percent(bp / 10_000));
  const npsText = (f: Figure) => (f.nps === null ? t('merchant.feedback.none') : String(f.nps));
  return (
    <section className="card" aria-labelledby="m-feedback-title" data-testid="feedback-card">
      <h3 id="m-feedback-title">{t('merchant.feedback.title')}</h3>
      <SkeletonLoadState loaded={card} rows={3}>
        {(c) => (
          <>
            <h4>{t('merchant.feedback.repeat')}</h4>
            <div className="m-tiles">
              {(
                [
                  [14, c.repeat.d14Bp, c.repeat.cohort.d14],
                  [30, c.repeat.d30Bp, c.repeat.cohort.d30],
                  [90, c.repeat.d90Bp, c.repeat.cohort.d90],
                ] as const
              ).map(([days, bp, cohort]) => (
                <Tile key={days} label={t('merchant.feedback.days', { n: days })}>
                  {share(bp)}
                  <small className="hint"> · {t('merchant.feedback.cohort', { n: cohort })}</small>
                </Tile>
              ))}
            </div>
            <p className="hint">{t('merchant.feedback.repeatHint')}</p>
            <h4>{t('merchant.feedback.nps')}</h4>
            <div className="m-tiles">
              {(
                [
                  ['shop', c.nps.shop],
                  ['platform', c.nps.platform],
                ] as const
              ).map(([who, f]) => (
                <Tile key={who} label={t(`merchant.feedback.${who}`)}>
                  <span data-testid={`nps-${who}`}>{npsText(f)}</span>
                  <small className="hint"> · {t('merchant.feedback.answers', { n: f.responses })}</small>
                  <small className="hint" style={{ display: 'block' }}>
                    {t('merchant.feedback.split', { p: f.promoters, m: f.passives, d: f.detractors })}
                  </small>
                </Tile>
              ))}
            </div>
            <p className="hint">{t('merchant.feedback.npsHint', { days: c.nps.windowDays })}</p>
          </>
        )}
      </SkeletonLoadState>
    </section>
  );
}
