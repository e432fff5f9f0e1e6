import { unwrap } from '../../api/client.ts';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, LoadState } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Thumb } from '../parts.tsx';

interface PickerProps {
  shopId: number;
  onPick(id: number): void;
  onClose(): void;
}

/** A bottom sheet listing what can be sent as a card. */
function PickerSheet({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose(): void;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="sheet-backdrop">
      <section className="sheet stack" role="dialog" aria-modal="true" aria-label={title}>
        <div className="row between">
          <h2>{title}</h2>
          <Button kind="link" onClick={onClose}>
            {t('chat.picker.close')}
          </Button>
        </div>
        {children}
      </section>
    </div>
  );
}

/** The shop's products on sale, to send one as a card. */
export function ProductPicker({ shopId, onPick, onClose }: PickerProps) {
  const { t, money } = useI18n();
  const api = useApi();
  const products = useLoad(
    () => unwrap(api.GET('/api/v1/discovery/products', { params: { query: { shopId, limit: 20 } } })),
    [api, shopId],
  );
  return (
    <PickerSheet title={t('chat.picker.products')} onClose={onClose}>
      <LoadState loaded={products}>
        {(page) =>
          page.items.length ? (
            <ul className="plain stack chat-picker">
              {page.items.map((p) => (
                <li key={p.id} className="row between">
                  <span className="row">
                    <Thumb title={p.title} imageUrl={p.imageUrl} size="sm" />
                    <span data-user-text>{p.title}</span>
                    <span className="hint">{money(p.minPriceFen)}</span>
                  </span>
                  <Button
                    kind="secondary"
                    onClick={() => onPick(p.id)}
                    aria-label={`${t('chat.picker.sendThis')} ${p.title}`}
                  >
                    {t('chat.picker.sendThis')}
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t('chat.picker.noProducts')}</p>
          )
        }
      </LoadState>
    </PickerSheet>
  );
}

/** The buyer's orders with this shop, to send one as a card. */
export function OrderPicker({ shopId, onPick, onClose }: PickerProps) {
  const { t, tEnum, money } = useI18n();
  const api = useApi();
  const orders = useLoad(
    () => unwrap(api.GET('/api/v1/orders', { params: { query: { limit: 50 } } })),
    [api],
  );
  return (
    <PickerSheet title={t('chat.picker.orders')} onClose={onClose}>
      <LoadState loaded={orders}>
        {(page) => {
          const mine = page.items.filter((o) => o.shopId === shopId);
          return mine.length ? (
            <ul className="plain stack chat-picker">
              {mine.map((o) => {
                const first = o.lines[0];
                return (
                  <li key={o.id} className="row between">
                    <span className="row">
                      <Thumb title={first?.title ?? ''} imageUrl={null} size="sm" />
                      <span data-user-text>{first?.title}</span>
                      <span className="hint">
                        {tEnum('buyer.orderState.', o.state)} · {money(o.totalFen)}
                      </span>
                    </span>
                    <Button
                      kind="secondary"
                      onClick={() => onPick(o.id)}
                      aria-label={`${t('chat.picker.sendThis')} ${first?.title ?? ''}`}
                    >
                      {t('chat.picker.sendThis')}
                    </Button>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="hint">{t('chat.picker.noOrders')}</p>
          );
        }}
      </LoadState>
    </PickerSheet>
  );
}
