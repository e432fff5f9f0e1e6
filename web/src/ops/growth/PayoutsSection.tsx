import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, ErrorMessage, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type Payout, type PayoutState, quarterWords } from './growth-ops-types.ts';

const TONE: Record<PayoutState, string> = {
  measuring: 'brand',
  due: 'warn',
  not_earned: 'neutral',
  paid: 'ok',
};

/** 斗金 payouts: the computed rebates and credits of quarters measured final, due first; pay once, confirmed. */
export function PayoutsSection() {
  const { t, tEnum, money, dateTime } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const [state, setState] = useState<PayoutState | ''>('');
  const payouts = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/ops/growth/payouts', {
          params: { query: { limit: 100, ...(state ? { state } : {}) } },
        }),
      ),
    [api, state],
  );
  const pay = useAction(async (p: Payout) => {
    const quarter = quarterWords(t, p.quarter);
    const ok = await confirm({
      title: t('growth.payouts.payTitle', { shop: p.shopName, quarter }),
      body: t('growth.payouts.payBody', { rebate: money(p.rebateFen), credits: p.rewardCredits }),
      confirmLabel: t('growth.payouts.payConfirm'),
      danger: true,
    });
    if (!ok) return undefined;
    const done = await unwrap(
      api.POST('/api/v1/ops/growth/payouts', {
        body: { shopId: p.shopId, quarter: p.quarter, expectedRebateFen: p.rebateFen },
      }),
    );
    toast.success(t('growth.payouts.paid'));
    payouts.reload();
    return done;
  });
  return (
    <section className="card stack" aria-labelledby="growth-payouts">
      <div className="row">
        <h3 id="growth-payouts">{t('growth.payouts.title')}</h3>
        <label className="row">
          {t('growth.payouts.state')}
          <select value={state} onChange={(e) => setState(e.target.value as PayoutState | '')}>
            <option value="">{t('growth.payouts.all')}</option>
            {(['due', 'paid', 'not_earned', 'measuring'] as const).map((s) => (
              <option key={s} value={s}>
                {tEnum('growth.quarter.state.', s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">{t('growth.payouts.intro')}</p>
      <SkeletonLoadState loaded={payouts}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="empty">{t('growth.payouts.none')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('growth.payouts.col.shop')}</th>
                  <th scope="col">{t('growth.payouts.col.quarter')}</th>
                  <th scope="col">{t('growth.payouts.col.tier')}</th>
                  <th scope="col">{t('growth.payouts.col.gmv')}</th>
                  <th scope="col">{t('growth.payouts.col.rebate')}</th>
                  <th scope="col">{t('growth.payouts.col.credits')}</th>
                  <th scope="col">{t('growth.payouts.col.state')}</th>
                  <th scope="col">{t('growth.payouts.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((p) => (
                  <tr key={`${p.shopId}-${p.quarter}`}>
                    <td data-user-text>{p.shopName}</td>
                    <td>{quarterWords(t, p.quarter)}</td>
                    <td>
                      {p.tier === null
                        ? t('growth.quarter.noTier')
                        : t('growth.quarter.tierN', { tier: p.tier })}
                    </td>
                    <td>
                      <Money fen={p.gmvFen} />
                    </td>
                    <td>
                      <Money fen={p.rebateFen} />
                    </td>
                    <td>{p.rewardCredits}</td>
                    <td>
                      <Badge tone={TONE[p.state]}>{tEnum('growth.quarter.state.', p.state)}</Badge>
                      {p.paidAt ? (
                        <small className="hint">
                          {' '}
                          {t('growth.payouts.paidAt', { time: dateTime(p.paidAt) })}
                        </small>
                      ) : null}
                    </td>
                    <td>
                      {p.state === 'due' ? (
                        <Button
                          aria-label={t('growth.payouts.payNamed', { shop: p.shopName })}
                          disabled={pay.busy}
                          onClick={() => void pay.run(p)}
                        >
                          {t('growth.payouts.pay')}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
      <ErrorMessage error={pay.error} />
    </section>
  );
}
