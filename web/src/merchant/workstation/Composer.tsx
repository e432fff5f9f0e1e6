import { useId, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { FilePicker } from '../../common/file-picker.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, LoadState } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { CannedReply, CustomerPanelData, WsMessage } from './types.ts';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
type ImageType = (typeof TYPES)[number];

export type Outgoing =
  | { kind: 'text'; text: string }
  | { kind: 'image'; fileId: number }
  | { kind: 'product'; productId: number }
  | { kind: 'order'; orderId: number };

/**
 * The agent's composer: the text (Enter sends), the canned replies picker, an image, one of the shop's
 * products or one of the buyer's orders as a card.
 */
export function Composer({
  conversationId,
  shopId,
  canned,
  orders,
  onSent,
}: {
  conversationId: number;
  shopId: number;
  canned: CannedReply[];
  orders: CustomerPanelData['orders'];
  onSent(m: WsMessage): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [text, setText] = useState('');
  const [sheet, setSheet] = useState<'canned' | 'products' | 'orders'>();
  const send = useAction(async (body: Outgoing) => {
    const sent = await unwrap(
      api.POST('/api/v1/chat/conversations/{id}/messages', {
        params: { path: { id: conversationId } },
        body,
      }),
    );
    onSent(sent);
    return sent;
  });
  const upload = useAction(async (file: File) => {
    const type = (TYPES as readonly string[]).includes(file.type) ? (file.type as ImageType) : 'image/jpeg';
    const stored = await unwrap(
      api.POST('/api/v1/evidence-files', {
        body: file as unknown as string,
        bodySerializer: (b: unknown) => b as BodyInit,
        headers: { 'content-type': type },
      }),
    );
    await send.run({ kind: 'image', fileId: stored.id });
  });
  const submit = async () => {
    const body = text.trim();
    if (!body) return;
    if (await send.run({ kind: 'text', text: body })) setText('');
  };
  return (
    <div className="ws-composer stack">
      <div className="row ws-tools">
        <Button kind="secondary" onClick={() => setSheet(sheet === 'canned' ? undefined : 'canned')}>
          {t('ws.composer.canned')}
        </Button>
        <FilePicker
          label={t('ws.composer.image')}
          labelHidden
          buttonText={t('ws.composer.image')}
          showChosen={false}
          accept={TYPES.join(',')}
          onChange={async (files, e) => {
            e.target.value = '';
            if (files[0]) await upload.run(files[0]);
          }}
        />
        <Button kind="secondary" onClick={() => setSheet(sheet === 'products' ? undefined : 'products')}>
          {t('ws.composer.product')}
        </Button>
        <Button kind="secondary" onClick={() => setSheet(sheet === 'orders' ? undefined : 'orders')}>
          {t('ws.composer.order')}
        </Button>
      </div>
      {sheet === 'canned' ? (
        <div className="ws-sheet" role="dialog" aria-label={t('ws.canned.title')}>
          {canned.length === 0 ? (
            <p className="hint">{t('ws.canned.empty')}</p>
          ) : (
            <ul className="plain stack">
              {canned.map((c) => (
                <li key={c.id} className="row between">
                  <span>
                    <strong data-user-text>{c.title}</strong>{' '}
                    <span className="hint" data-user-text>
                      {c.text}
                    </span>
                  </span>
                  <Button
                    kind="link"
                    aria-label={`${t('ws.canned.use')} ${c.title}`}
                    onClick={() => {
                      setText(c.text);
                      setSheet(undefined);
                    }}
                  >
                    {t('ws.canned.use')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {sheet === 'products' ? (
        <ProductSheet
          shopId={shopId}
          onPick={async (productId) => {
            setSheet(undefined);
            await send.run({ kind: 'product', productId });
          }}
        />
      ) : null}
      {sheet === 'orders' ? (
        <div className="ws-sheet" role="dialog" aria-label={t('ws.picker.orders')}>
          {orders.length === 0 ? (
            <p className="hint">{t('ws.picker.empty')}</p>
          ) : (
            <ul className="plain stack">
              {orders.map((o) => (
                <li key={o.id} className="row between">
                  <span data-user-text>{o.title}</span>
                  <Button
                    kind="link"
                    aria-label={`${t('ws.picker.send')} ${t('ws.customer.orderNo', { id: o.id })}`}
                    onClick={async () => {
                      setSheet(undefined);
                      await send.run({ kind: 'order', orderId: o.id });
                    }}
                  >
                    {t('ws.picker.send')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      <form
        className="row ws-compose-row"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={`${id}-text`} className="visually-hidden">
          {t('ws.composer.label')}
        </label>
        <textarea
          id={`${id}-text`}
          className="ws-input"
          rows={3}
          maxLength={1000}
          value={text}
          placeholder={t('ws.composer.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <Button type="submit" busy={send.busy}>
          {t('ws.composer.send')}
        </Button>
      </form>
      <ErrorMessage error={send.error ?? upload.error} />
    </div>
  );
}

function ProductSheet({ shopId, onPick }: { shopId: number; onPick(id: number): void }) {
  const { t, money } = useI18n();
  const api = useApi();
  const products = useLoad(
    () => unwrap(api.GET('/api/v1/discovery/products', { params: { query: { shopId, limit: 20 } } })),
    [api, shopId],
  );
  return (
    <div className="ws-sheet" role="dialog" aria-label={t('ws.picker.products')}>
      <LoadState loaded={products}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="hint">{t('ws.picker.empty')}</p>
          ) : (
            <ul className="plain stack">
              {page.items.map((p) => (
                <li key={p.id} className="row between">
                  <span>
                    <span data-user-text>{p.title}</span> <span className="hint">{money(p.minPriceFen)}</span>
                  </span>
                  <Button
                    kind="link"
                    aria-label={`${t('ws.picker.send')} ${p.title}`}
                    onClick={() => onPick(p.id)}
                  >
                    {t('ws.picker.send')}
                  </Button>
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
    </div>
  );
}
