import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { CountdownClock } from '../../common/countdown.tsx';
import { SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, ErrorMessage, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import { FlashSaleForm } from './FlashSaleForm.tsx';
import type { FlashSale, FlashSaleState } from './flash-sale-types.ts';

const STATES: FlashSaleState[] = ['scheduled', 'running', 'ended', 'cancelled'];
const TONE: Record<FlashSaleState, string> = {
  scheduled: 'warn',
  running: 'ok',
  ended: 'neutral',
  cancelled: 'neutral',
};

/** /merchant/flash-sales: the shop's flash sales (秒杀) with their state and countdown; create and cancel. */
export function FlashSalesPage() {
  const { t, tEnum, money } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const confirm = useConfirm();
  const toast = useToast();
  const [state, setState] = useState<FlashSaleState | ''>('');
  const sales = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/flash-sales', {
          params: { path: { id: shop.id }, query: { limit: 100, ...(state ? { state } : {}) } },
        }),
      ),
    [api, shop.id, state],
  );
  const cancel = useAction(async (sale: FlashSale) => {
    const ok = await confirm({
      title: t('flash.cancelTitle', { title: sale.title }),
      body:
        sale.state === 'running'
          ? t('flash.cancelBodyRunning', { price: money(sale.priceFen), sold: sale.sold })
          : t('flash.cancelBodyScheduled'),
      confirmLabel: t('flash.cancelConfirm'),
      danger: true,
    });
    if (!ok) return undefined;
    const done = await unwrap(
      api.POST('/api/v1/shops/{id}/flash-sales/{saleId}/cancel', {
        params: { path: { id: shop.id, saleId: sale.id } },
        body: {},
      }),
    );
    toast.success(t('flash.cancelled'));
    sales.reload();
    return done;
  });
  return (
    <section className="stack">
      <PageHead title={t('flash.title')}>
        <label className="row">
          {t('flash.filter.state')}
          <select value={state} onChange={(e) => setState(e.target.value as FlashSaleState | '')}>
            <option value="">{t('flash.filter.all')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {tEnum('flash.state.', s)}
              </option>
            ))}
          </select>
        </label>
      </PageHead>
      <p className="hint">{t('flash.intro')}</p>
      <SkeletonLoadState loaded={sales}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="empty">{t('flash.empty')}</p>
          ) : (
            <table>
              <caption className="visually-hidden">{t('flash.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('flash.col.product')}</th>
                  <th scope="col">{t('flash.col.price')}</th>
                  <th scope="col">{t('flash.col.sold')}</th>
                  <th scope="col">{t('flash.col.limit')}</th>
                  <th scope="col">{t('flash.col.window')}</th>
                  <th scope="col">{t('flash.col.state')}</th>
                  <th scope="col">{t('flash.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((sale) => (
                  <SaleRow
                    key={sale.id}
                    sale={sale}
                    onCancel={() => void cancel.run(sale)}
                    busy={cancel.busy}
                    onPassed={sales.reload}
                  />
                ))}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
      <ErrorMessage error={cancel.error} />
      <FlashSaleForm shopId={shop.id} onCreated={() => sales.reload()} />
    </section>
  );
}

function SaleRow({
  sale,
  onCancel,
  busy,
  onPassed,
}: {
  sale: FlashSale;
  onCancel(): void;
  busy: boolean;
  onPassed(): void;
}) {
  const { t, tEnum, dateTime } = useI18n();
  const open = sale.state === 'scheduled' || sale.state === 'running';
  return (
    <tr>
      <td>
        <span data-user-text>{sale.title}</span>
        <br />
        <small className="hint" data-user-text>
          {sale.spec}
        </small>
        {sale.liveSessionId ? (
          <>
            {' '}
            <Badge tone="brand">{t('flash.liveRoom')}</Badge>
          </>
        ) : null}
      </td>
      <td>
        <strong>
          <Money fen={sale.priceFen} />
        </strong>{' '}
        <s className="hint">
          <Money fen={sale.originalPriceFen} />
        </s>
      </td>
      <td>
        {sale.sold} / {sale.stockCap}
      </td>
      <td>{t('flash.perBuyer', { n: sale.perBuyerLimit })}</td>
      <td>{t('flash.window', { start: dateTime(sale.startsAt), end: dateTime(sale.endsAt) })}</td>
      <td>
        <Badge tone={TONE[sale.state]}>{tEnum('flash.state.', sale.state)}</Badge>
        {open ? (
          <div className="hint">
            {t(sale.state === 'scheduled' ? 'flash.startsIn' : 'flash.endsIn')}{' '}
            {/* The list has no server time: the merchant's own clock is close enough here. */}
            <CountdownClock
              until={sale.state === 'scheduled' ? sale.startsAt : sale.endsAt}
              serverNow={undefined}
              onDone={onPassed}
            />
          </div>
        ) : null}
      </td>
      <td>
        {open ? (
          <Button
            kind="danger"
            busy={busy}
            aria-label={t('flash.cancelNamed', { title: sale.title })}
            onClick={onCancel}
          >
            {t('flash.cancel')}
          </Button>
        ) : null}
      </td>
    </tr>
  );
}
