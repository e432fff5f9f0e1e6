import { useState } from 'react';
import { ApiError, idempotencyKey, unwrap } from '../api/client.ts';
import { EmptyState, SkeletonLoadState, useConfirm, useToast } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, Form, Money, TextField } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PageHead, Tile, WithdrawalList, yuanToFen } from './parts.tsx';
import { useShop } from './shop.tsx';
import type { Balances } from './types.ts';

/** /merchant/money: the shop's balances, withdrawals (the owner requests them) and settlement history. */
export function MoneyPage() {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const path = { id: shop.id };
  const balances = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/balances', { params: { path } })),
    [api, shop.id],
  );
  const withdrawals = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/withdrawals', { params: { path, query: { limit: 100 } } })),
    [api, shop.id],
  );
  const settlements = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/settlements', { params: { path, query: { limit: 100 } } })),
    [api, shop.id],
  );
  return (
    <section className="stack">
      <PageHead title={t('merchant.money.title')} />
      <SkeletonLoadState loaded={balances} rows={1}>
        {(b) => (
          <div className="card stack">
            <div className="m-tiles">
              <Tile label={t('merchant.money.available')}>
                <Money fen={b.availableFen} />
              </Tile>
              <Tile label={t('merchant.money.pending')}>
                <Money fen={b.pendingFen} />
              </Tile>
              <Tile label={t('merchant.money.deposit')}>
                <Money fen={b.depositFen} />
              </Tile>
              <Tile label={t('merchant.money.settlement')}>
                <Badge tone={b.settlement.state === 'open' ? 'ok' : 'bad'}>
                  {tEnum('merchant.settlementState.', b.settlement.state)}
                </Badge>
              </Tile>
            </div>
            {b.settlement.reason ? (
              <p className="m-explain m-explain-bad">{tEnum('merchant.holdReason.', b.settlement.reason)}</p>
            ) : null}
            {shop.role === 'owner' ? (
              <WithdrawForm
                balances={b}
                onDone={() => {
                  balances.reload();
                  withdrawals.reload();
                }}
              />
            ) : (
              <p className="notice">{t('merchant.money.ownerOnly')}</p>
            )}
          </div>
        )}
      </SkeletonLoadState>

      <WithdrawalList
        loaded={withdrawals}
        title={t('merchant.money.withdrawals')}
        emptyTitle={t('merchant.money.noWithdrawals')}
        emptyHint={t('merchant.money.noWithdrawalsHint')}
        source={(w) => tEnum('merchant.money.source.', w.source)}
      />

      <h3>{t('merchant.money.settlements')}</h3>
      <SkeletonLoadState loaded={settlements}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState
              title={t('merchant.money.noSettlements')}
              hint={t('merchant.money.noSettlementsHint')}
            />
          ) : (
            <div className="m-table-wrap">
              <table>
                <caption className="visually-hidden">{t('merchant.money.settlements')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('merchant.money.col.order')}</th>
                    <th scope="col">{t('merchant.money.col.state')}</th>
                    <th scope="col">{t('merchant.money.col.paid')}</th>
                    <th scope="col">{t('merchant.money.col.refunded')}</th>
                    <th scope="col">{t('merchant.money.col.platform')}</th>
                    <th scope="col">{t('merchant.money.col.creator')}</th>
                    <th scope="col">{t('merchant.money.col.withheld')}</th>
                    <th scope="col">{t('merchant.money.col.merchant')}</th>
                    <th scope="col">{t('merchant.money.col.settledAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((s) => (
                    <tr key={s.id}>
                      <td>{t('merchant.money.orderNo', { id: s.orderId })}</td>
                      <td>
                        <Badge tone={s.state === 'settled' ? 'ok' : 'bad'}>
                          {tEnum('merchant.money.settlement.', s.state)}
                        </Badge>
                      </td>
                      <td>
                        <Money fen={s.paidFen} />
                      </td>
                      <td>
                        <Money fen={s.refundedFen} />
                      </td>
                      <td>
                        <Money fen={s.platformCommissionFen} />
                      </td>
                      <td>
                        <Money fen={s.creatorCommissionFen} />
                      </td>
                      <td>
                        <Money fen={s.depositWithheldFen} />
                      </td>
                      <td>
                        <Money fen={s.merchantFen} />
                      </td>
                      <td>
                        <DateTime value={s.settledAt ?? s.frozenAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function WithdrawForm({ balances: b, onDone }: { balances: Balances; onDone(): void }) {
  const { t, money } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const confirm = useConfirm();
  const toast = useToast();
  const [amount, setAmount] = useState('');
  // One key per withdrawal: a retry of the same one reuses it, the next one gets a new key.
  const [key, setKey] = useState(idempotencyKey);
  const withdraw = useAction(async () => {
    const amountFen = yuanToFen(amount);
    if (amountFen === undefined || amountFen < 1)
      throw new ApiError(400, 'validation_failed', '', {
        fields: [{ field: 'amountFen', reason: t('merchant.money.amountInvalid') }],
      });
    const ok = await confirm({
      title: t('merchant.money.confirmTitle'),
      body: t('merchant.money.confirmBody', { amount: money(amountFen), shop: shop.name }),
      confirmLabel: t('merchant.money.confirmWithdraw', { amount: money(amountFen) }),
      danger: true,
    });
    if (!ok) return undefined;
    const done = await unwrap(
      api.POST('/api/v1/shops/{id}/withdrawals', {
        params: { path: { id: shop.id }, header: { 'idempotency-key': key } },
        body: { amountFen },
      }),
    );
    setKey(idempotencyKey());
    setAmount('');
    toast.success(t('merchant.money.withdrawn', { amount: money(done.amountFen) }));
    onDone();
    return done;
  });
  if (b.settlement.state === 'frozen') return <p className="notice">{t('merchant.money.frozen')}</p>;
  if (b.availableFen <= 0) return <p className="notice">{t('merchant.money.nothingAvailable')}</p>;
  return (
    <Form className="m-inline-form" label={t('merchant.money.withdraw')} onSubmit={() => withdraw.run()}>
      <TextField
        label={t('merchant.money.amount')}
        name="amountFen"
        inputMode="decimal"
        value={amount}
        hint={t('merchant.money.upTo', { amount: money(b.availableFen) })}
        onChange={(e) => setAmount(e.target.value)}
        error={withdraw.error}
      />
      <Button type="submit" busy={withdraw.busy}>
        {t('merchant.money.withdraw')}
      </Button>
      <ErrorMessage error={withdraw.error} />
    </Form>
  );
}
