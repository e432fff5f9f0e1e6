import { useState } from 'react';
import { ApiError, idempotencyKey, unwrap } from '../../api/client.ts';
import { EmptyState, SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, DateTime, ErrorMessage, Form, Money, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead, Tile, WithdrawalList, yuanToFen } from '../parts.tsx';

/** /merchant/commission: what the creator earned, per order, and withdrawals of the balance. */
export function CommissionPage() {
  const { t } = useI18n();
  const api = useApi();
  const summary = useLoad(() => unwrap(api.GET('/api/v1/me/commission')), [api]);
  const earnings = useLoad(
    () => unwrap(api.GET('/api/v1/me/commission/earnings', { params: { query: { limit: 100 } } })),
    [api],
  );
  const withdrawals = useLoad(
    () => unwrap(api.GET('/api/v1/me/commission/withdrawals', { params: { query: { limit: 100 } } })),
    [api],
  );
  return (
    <section className="stack">
      <PageHead title={t('merchant.creator.commission.title')} />
      <SkeletonLoadState loaded={summary} rows={1}>
        {(c) => (
          <div className="card stack">
            <div className="m-tiles">
              <Tile label={t('merchant.creator.commission.balance')}>
                <Money fen={c.balanceFen} />
              </Tile>
              <Tile label={t('merchant.creator.commission.earned')}>
                <Money fen={c.earnedFen} />
              </Tile>
              <Tile label={t('merchant.creator.commission.withdrawn')}>
                <Money fen={c.withdrawnFen} />
              </Tile>
            </div>
            <p className="hint">{t('merchant.creator.commission.when')}</p>
            <WithdrawForm
              balanceFen={c.balanceFen}
              onDone={() => {
                summary.reload();
                withdrawals.reload();
              }}
            />
          </div>
        )}
      </SkeletonLoadState>
      <h3>{t('merchant.creator.commission.earnings')}</h3>
      <SkeletonLoadState loaded={earnings}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState
              title={t('merchant.creator.commission.noEarnings')}
              hint={t('merchant.creator.commission.noEarningsHint')}
              action={{ label: t('merchant.creator.nav.offers'), to: '/merchant/offers' }}
            />
          ) : (
            <table>
              <caption className="visually-hidden">{t('merchant.creator.commission.earnings')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('merchant.creator.col.order')}</th>
                  <th scope="col">{t('merchant.creator.col.paid')}</th>
                  <th scope="col">{t('merchant.creator.col.refunded')}</th>
                  <th scope="col">{t('merchant.creator.col.earned')}</th>
                  <th scope="col">{t('merchant.creator.col.settledAt')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((e) => (
                  <tr key={e.id}>
                    <td>{t('merchant.creator.orderNo', { id: e.orderId })}</td>
                    <td>
                      <Money fen={e.paidFen} />
                    </td>
                    <td>
                      <Money fen={e.refundedFen} />
                    </td>
                    <td>
                      <Money fen={e.creatorCommissionFen} />
                    </td>
                    <td>
                      <DateTime value={e.settledAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
      <WithdrawalList
        loaded={withdrawals}
        title={t('merchant.creator.commission.withdrawals')}
        emptyTitle={t('merchant.creator.commission.noWithdrawals')}
        emptyHint={t('merchant.creator.commission.noWithdrawalsHint')}
      />
    </section>
  );
}

function WithdrawForm({ balanceFen, onDone }: { balanceFen: number; onDone(): void }) {
  const { t, money } = useI18n();
  const api = useApi();
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
      title: t('merchant.creator.commission.confirmTitle'),
      body: t('merchant.creator.commission.confirmBody', { amount: money(amountFen) }),
      confirmLabel: t('merchant.money.confirmWithdraw', { amount: money(amountFen) }),
      danger: true,
    });
    if (!ok) return undefined;
    const done = await unwrap(
      api.POST('/api/v1/me/commission/withdrawals', {
        params: { header: { 'idempotency-key': key } },
        body: { amountFen },
      }),
    );
    setKey(idempotencyKey());
    setAmount('');
    toast.success(t('merchant.money.withdrawn', { amount: money(done.amountFen) }));
    onDone();
    return done;
  });
  if (balanceFen <= 0) return <p className="notice">{t('merchant.creator.commission.nothingToWithdraw')}</p>;
  return (
    <Form className="m-inline-form" label={t('merchant.money.withdraw')} onSubmit={() => withdraw.run()}>
      <TextField
        label={t('merchant.money.amount')}
        name="amountFen"
        inputMode="decimal"
        value={amount}
        hint={t('merchant.money.upTo', { amount: money(balanceFen) })}
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
