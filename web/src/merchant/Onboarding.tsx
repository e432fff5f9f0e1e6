import { useState } from 'react';
import { ApiError, idempotencyKey, unwrap } from '../api/client.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, Form, LoadState, Money, TextField } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PageHead, Progress, Tile, yuanToFen } from './parts.tsx';
import { useShop } from './shop.tsx';

/** the product rules: a probation shop may have this many products listed or in review, by risk tier. */
const PROBATION_LIMIT = { low: 200, medium: 50, high: 10 } as const;

/** /merchant/onboarding: where the shop stands — state and risk tier, deposit held against required, 0元开店 progress. */
export function Onboarding() {
  const { t, tEnum, money, date } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const data = useLoad(async () => {
    const path = { id: shop.id };
    const [balances, listed, inReview, settlements] = await Promise.all([
      unwrap(api.GET('/api/v1/shops/{id}/balances', { params: { path } })),
      unwrap(
        api.GET('/api/v1/shops/{id}/products', { params: { path, query: { state: 'listed', limit: 1 } } }),
      ),
      unwrap(
        api.GET('/api/v1/shops/{id}/products', { params: { path, query: { state: 'in_review', limit: 1 } } }),
      ),
      unwrap(api.GET('/api/v1/shops/{id}/settlements', { params: { path, query: { limit: 100 } } })),
    ]);
    return { balances, used: listed.total + inReview.total, settlements };
  }, [api, shop.id]);
  return (
    <section>
      <PageHead title={t('merchant.onboarding.title')} />
      <LoadState loaded={data}>
        {({ balances: b, used, settlements }) => {
          const withheld = settlements.items.reduce((sum, s) => sum + s.depositWithheldFen, 0);
          const limit = PROBATION_LIMIT[shop.riskTier];
          return (
            <div className="stack">
              <div className="card stack">
                <h3>{t('merchant.onboarding.shop')}</h3>
                <div className="m-tiles">
                  <Tile label={t('merchant.onboarding.state')}>
                    {tEnum('merchant.shop.state.', shop.state)}
                  </Tile>
                  <Tile label={t('merchant.onboarding.type')}>{tEnum('merchant.shop.type.', shop.type)}</Tile>
                  <Tile label={t('merchant.onboarding.riskTier')}>
                    {tEnum('merchant.riskTier.', shop.riskTier)}
                  </Tile>
                  <Tile label={t('merchant.onboarding.openedAt')}>{date(shop.createdAt)}</Tile>
                </div>
                <p>{tEnum('merchant.onboarding.stateExplain.', shop.state)}</p>
                {shop.state === 'probation' ? (
                  <>
                    <p>
                      {t('merchant.onboarding.probationLimit', {
                        used,
                        limit,
                        tier: tEnum('merchant.riskTier.', shop.riskTier),
                      })}
                    </p>
                    <Progress ratio={used / limit} label={t('merchant.onboarding.probationUse')} />
                  </>
                ) : null}
              </div>
              <div className="card stack" id="deposit">
                <h3>{t('merchant.onboarding.deposit')}</h3>
                <div className="m-tiles">
                  <Tile label={t('merchant.onboarding.depositHeld')}>
                    <Money fen={b.depositFen} />
                  </Tile>
                  <Tile label={t('merchant.onboarding.depositRequired')}>
                    <Money fen={b.requiredDepositFen} />
                  </Tile>
                  <Tile label={t('merchant.onboarding.shortfall')}>
                    <Money fen={b.depositShortfallFen} />
                  </Tile>
                  <Tile label={t('merchant.onboarding.settlement')}>
                    <Badge tone={b.settlement.state === 'open' ? 'ok' : 'bad'}>
                      {tEnum('merchant.settlementState.', b.settlement.state)}
                    </Badge>
                  </Tile>
                </div>
                <Progress
                  ratio={b.requiredDepositFen > 0 ? b.depositFen / b.requiredDepositFen : 1}
                  label={t('merchant.onboarding.depositProgress')}
                />
                {b.settlement.reason ? (
                  <p className="m-explain m-explain-bad">
                    {tEnum('merchant.holdReason.', b.settlement.reason)}
                    {b.settlement.topUpDueAt ? (
                      <>
                        {' '}
                        {t('merchant.onboarding.topUpBy')} <DateTime value={b.settlement.topUpDueAt} /> ·{' '}
                        <Money fen={b.settlement.topUpTargetFen} />
                      </>
                    ) : null}
                  </p>
                ) : null}
                {b.zeroDepositEligible ? (
                  <div className="m-explain m-explain-ok">
                    <p>
                      <strong>{t('merchant.onboarding.zeroDeposit')}</strong>{' '}
                      {t('merchant.onboarding.zeroDepositExplain')}
                    </p>
                    <p>
                      {t('merchant.onboarding.zeroDepositProgress', {
                        held: money(b.depositFen),
                        required: money(b.requiredDepositFen),
                        withheld: money(withheld),
                        n: settlements.items.filter((s) => s.depositWithheldFen > 0).length,
                      })}
                    </p>
                  </div>
                ) : (
                  <p className="hint">{t('merchant.onboarding.notZeroDeposit')}</p>
                )}
                {shop.role === 'owner' && b.depositShortfallFen > 0 ? (
                  <DepositForm shortfallFen={b.depositShortfallFen} onPaid={data.reload} />
                ) : null}
              </div>
            </div>
          );
        }}
      </LoadState>
    </section>
  );
}

function DepositForm({ shortfallFen, onPaid }: { shortfallFen: number; onPaid(): void }) {
  const { t, money } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [amount, setAmount] = useState((shortfallFen / 100).toFixed(2));
  // One key per payment: a retry of the same payment reuses it, the next payment gets a new one.
  const [key, setKey] = useState(idempotencyKey);
  const pay = useAction(async () => {
    const amountFen = yuanToFen(amount);
    if (amountFen === undefined || amountFen < 1)
      throw new ApiError(400, 'validation_failed', '', {
        fields: [{ field: 'amountFen', reason: t('merchant.sku.priceInvalid') }],
      });
    const paid = await unwrap(
      api.POST('/api/v1/shops/{id}/deposit/payments', {
        params: { path: { id: shop.id }, header: { 'idempotency-key': key } },
        body: { amountFen },
      }),
    );
    setKey(idempotencyKey());
    onPaid();
    return paid;
  });
  return (
    <Form className="m-inline-form" label={t('merchant.onboarding.payDeposit')} onSubmit={() => pay.run()}>
      <TextField
        label={t('merchant.onboarding.payAmount')}
        name="amountFen"
        inputMode="decimal"
        value={amount}
        hint={t('merchant.onboarding.payHint', { shortfall: money(shortfallFen) })}
        onChange={(e) => setAmount(e.target.value)}
        error={pay.error}
      />
      <Button type="submit" busy={pay.busy}>
        {t('merchant.onboarding.payDeposit')}
      </Button>
      <ErrorMessage error={pay.error} />
    </Form>
  );
}
