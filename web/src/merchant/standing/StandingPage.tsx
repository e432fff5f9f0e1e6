import { Link } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, DateTime, Money } from '../../common/ui.tsx';
import { type Translate, useI18n } from '../../i18n/index.tsx';
import { PageHead, Progress, Tile } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import type { BadgeEvent, Condition, Standing } from './standing-types.ts';

const score2 = (n: number) => n.toFixed(2);
const pct = (bp: number) => `${bp / 100}%`;

/** /merchant/standing (店铺权益): trust badge and its conditions, probation, deposit discount, campaigns. */
export function StandingPage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const standing = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/standing', { params: { path: { id: shop.id } } })),
    [api, shop.id],
  );
  return (
    <section className="stack">
      <PageHead title={t('standing.title')} />
      <p className="hint">{t('standing.intro')}</p>
      <SkeletonLoadState loaded={standing} rows={6}>
        {(s) => (
          <>
            <BadgeCard s={s} />
            <ProbationCard s={s} />
            <DepositCard s={s} />
            <CampaignsCard s={s} />
          </>
        )}
      </SkeletonLoadState>
    </section>
  );
}

function BadgeCard({ s }: { s: Standing }) {
  const { t, dateTime } = useI18n();
  const { badge } = s;
  return (
    <section className="card stack" aria-labelledby="standing-badge">
      <div className="row">
        <h3 id="standing-badge">{t('standing.badge.title')}</h3>
        <Badge tone={badge.held ? 'ok' : 'neutral'}>
          {badge.held ? t('standing.badge.held') : t('standing.badge.notHeld')}
        </Badge>
        {badge.since ? (
          <span className="hint">{t('standing.badge.since', { time: dateTime(badge.since) })}</span>
        ) : null}
      </div>
      <div className="m-tiles">
        <Tile label={t('standing.score')}>
          {s.score === null ? t('standing.score.none') : score2(s.score)}
        </Tile>
      </div>
      <p className="hint">
        {t('standing.score.orders', { n: s.scoredOrders })}
        {s.scoreComputedAt ? (
          <>
            {' · '}
            {t('standing.score.computedAt', { time: dateTime(s.scoreComputedAt) })}
          </>
        ) : null}
      </p>
      <p className="hint">{t('standing.badge.explain')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('standing.col.condition')}</th>
            <th scope="col">{t('standing.col.required')}</th>
            <th scope="col">{t('standing.col.current')}</th>
            <th scope="col">{t('standing.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {badge.conditions.map((c) => (
            <tr key={c.condition}>
              <th scope="row">{t(`standing.cond.${c.condition}`)}</th>
              <td>{required(t, c, badge.lookbackDays)}</td>
              <td>{current(t, c, s)}</td>
              <td>
                <Badge tone={c.met ? 'ok' : 'bad'}>{c.met ? t('standing.met') : t('standing.unmet')}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {badge.eligibleNow && !badge.held ? <p className="hint">{t('standing.badge.eligibleSoon')}</p> : null}
      {!badge.eligibleNow && badge.held ? <p className="hint">{t('standing.badge.willLose')}</p> : null}
      {badge.uncoveredProducts.length > 0 ? (
        <div className="stack">
          <p>{t('standing.uncovered.title')}</p>
          <ul>
            {badge.uncoveredProducts.map((p) => (
              <li key={p.productId}>
                {p.title}
                {' · '}
                {t('standing.uncovered.missing', {
                  list: p.missing.map((g) => t(`standing.guarantee.${g}`)).join('、'),
                })}{' '}
                <Link to={`/merchant/products/${p.productId}`}>{t('standing.uncovered.edit')}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {badge.lastRevocation ? (
        <p role="note">
          <strong>{t('standing.revoked.title')}</strong>
          {': '}
          <DateTime value={badge.lastRevocation.at} />
          {' · '}
          {reasons(t, badge.lastRevocation)}
        </p>
      ) : null}
      <h4>{t('standing.history.title')}</h4>
      {badge.history.length === 0 ? (
        <p className="empty">{t('standing.history.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('standing.col.time')}</th>
              <th scope="col">{t('standing.col.change')}</th>
              <th scope="col">{t('standing.score')}</th>
              <th scope="col">{t('standing.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {badge.history.map((e) => (
              <tr key={e.id}>
                <td>
                  <DateTime value={e.at} />
                </td>
                <td>
                  <Badge tone={e.kind === 'granted' ? 'ok' : 'bad'}>{t(`standing.history.${e.kind}`)}</Badge>
                </td>
                <td>{e.score === null ? t('standing.score.none') : score2(e.score)}</td>
                <td>{reasons(t, e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function required(t: Translate, c: Condition, lookbackDays: number): string {
  switch (c.condition) {
    case 'score':
      return t('standing.req.score', { min: score2(c.required ?? 0) });
    case 'guarantees':
      return t('standing.req.guarantees');
    case 'violations':
      return t('standing.req.violations', { days: lookbackDays });
    case 'shop_state':
      return t('standing.req.shop_state');
  }
}

function current(t: Translate, c: Condition, s: Standing): string {
  switch (c.condition) {
    case 'score':
      return c.value === null ? t('standing.score.none') : score2(c.value);
    case 'guarantees':
      return c.required === 0
        ? t('standing.cur.guaranteesNone')
        : t('standing.cur.guarantees', { covered: c.value ?? 0, listed: c.required ?? 0 });
    case 'violations':
      return t('standing.cur.violations', { n: c.value ?? 0 });
    case 'shop_state':
      return t(`merchant.shop.state.${s.shopState}`);
  }
}

function reasons(t: Translate, e: BadgeEvent): string {
  if (e.failedConditions.length === 0) return t('standing.history.allMet');
  return e.failedConditions.map((c) => t(`standing.reason.${c}`)).join('；');
}

function ProbationCard({ s }: { s: Standing }) {
  const { t } = useI18n();
  const p = s.probation;
  return (
    <section className="card stack" aria-labelledby="standing-probation">
      <div className="row">
        <h3 id="standing-probation">{t('standing.probation.title')}</h3>
        <Badge tone={p.inProbation ? 'warn' : 'ok'}>
          {p.inProbation ? t('standing.probation.in') : t('standing.probation.out')}
        </Badge>
      </div>
      <p className="hint">
        {t('standing.probation.explain', {
          days: p.daysRequired,
          orders: p.ordersRequired,
          lookback: s.badge.lookbackDays,
        })}
      </p>
      {p.inProbation ? (
        <div className="m-tiles">
          <Tile label={t('standing.probation.days')}>
            {t('standing.probation.progress', { value: p.daysOpen, target: p.daysRequired })}
            <Progress ratio={p.daysOpen / p.daysRequired} label={t('standing.probation.days')} />
          </Tile>
          <Tile label={t('standing.probation.orders')}>
            {t('standing.probation.progress', { value: p.completedOrders, target: p.ordersRequired })}
            <Progress ratio={p.completedOrders / p.ordersRequired} label={t('standing.probation.orders')} />
          </Tile>
        </div>
      ) : null}
      {p.seriousViolations > 0 && p.inProbation ? (
        <p>{t('standing.probation.violations', { n: p.seriousViolations })}</p>
      ) : null}
      <p>{t(`standing.probation.verdict.${p.verdict}`)}</p>
    </section>
  );
}

function DepositCard({ s }: { s: Standing }) {
  const { t } = useI18n();
  const d = s.deposit;
  return (
    <section className="card stack" aria-labelledby="standing-deposit">
      <h3 id="standing-deposit">{t('standing.deposit.title')}</h3>
      <p className="hint">{t('standing.deposit.rule', { min: score2(d.minScore), pct: pct(d.offeredBp) })}</p>
      <div className="m-tiles">
        <Tile label={t('standing.deposit.base')}>
          <Money fen={d.baseRequiredFen} />
        </Tile>
        <Tile label={t('standing.deposit.discount')}>
          {d.discountBp > 0
            ? t('standing.deposit.off', { pct: pct(d.discountBp) })
            : t('standing.deposit.none')}
        </Tile>
        <Tile label={t('standing.deposit.required')}>
          <Money fen={d.requiredFen} />
        </Tile>
      </div>
      <p>{t(`standing.deposit.verdict.${d.verdict}`, { min: score2(d.minScore) })}</p>
    </section>
  );
}

function CampaignsCard({ s }: { s: Standing }) {
  const { t } = useI18n();
  return (
    <section className="card stack" aria-labelledby="standing-campaigns">
      <h3 id="standing-campaigns">{t('standing.campaigns.title')}</h3>
      <p className="hint">{t('standing.campaigns.explain')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('standing.col.tier')}</th>
            <th scope="col">{t('standing.col.required')}</th>
            <th scope="col">{t('standing.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {s.campaigns.map((c) => (
            <tr key={c.tier}>
              <th scope="row">{t(`standing.tier.${c.tier}`)}</th>
              <td>
                {[
                  c.minScore === null
                    ? t('standing.tier.req.any')
                    : t('standing.tier.req.score', { min: score2(c.minScore) }),
                  ...(c.badgeRequired ? [t('standing.tier.req.badge')] : []),
                ].join('，')}
              </td>
              <td>
                <Badge tone={c.eligible ? 'ok' : 'neutral'}>
                  {c.eligible ? t('standing.tier.eligible') : t('standing.tier.ineligible')}
                </Badge>
                {c.shortfalls.length > 0 ? (
                  <span className="hint">
                    {' '}
                    {c.shortfalls.map((f) => t(`standing.shortfall.${f}`)).join('、')}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
