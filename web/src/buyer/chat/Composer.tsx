import { useId, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { FilePicker } from '../../common/file-picker.tsx';
import { useAction } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { ChatMessage } from './chat-types.ts';
import { OrderPicker, ProductPicker } from './Pickers.tsx';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
type ImageType = (typeof TYPES)[number];

export type Outgoing =
  | { kind: 'text'; text: string }
  | { kind: 'image'; fileId: number }
  | { kind: 'product'; productId: number }
  | { kind: 'order'; orderId: number };

/** Sends one message of the buyer in the conversation; the answer is the stored message (maybe held). */
export function useSend(conversationId: number, onSent: (m: ChatMessage) => void) {
  const api = useApi();
  return useAction(async (body: Outgoing) => {
    const sent = await unwrap(
      api.POST('/api/v1/chat/conversations/{id}/messages', {
        params: { path: { id: conversationId } },
        body,
      }),
    );
    onSent(sent);
    return sent;
  });
}

/** The text box with 发送, and the tools: an image, a product of the shop, one of my orders with it. */
export function Composer({
  conversationId,
  shopId,
  send,
}: {
  conversationId: number;
  shopId: number;
  send: ReturnType<typeof useSend>;
}) {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [text, setText] = useState('');
  const [picker, setPicker] = useState<'products' | 'orders'>();
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
  return (
    <div className="chat-composer stack" data-conversation={conversationId}>
      <form
        className="row chat-compose-row"
        onSubmit={async (e) => {
          e.preventDefault();
          const body = text.trim();
          if (!body) return;
          const sent = await send.run({ kind: 'text', text: body });
          if (sent) setText('');
        }}
      >
        <label htmlFor={`${id}-text`} className="visually-hidden">
          {t('chat.composer.label')}
        </label>
        <input
          id={`${id}-text`}
          className="chat-input"
          value={text}
          maxLength={1000}
          placeholder={t('chat.composer.placeholder')}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit" busy={send.busy} disabled={!text.trim()}>
          {t('chat.composer.send')}
        </Button>
      </form>
      <div className="row chat-tools">
        <FilePicker
          label={t('chat.composer.imageHint')}
          labelHidden
          buttonText={t('chat.composer.image')}
          showChosen={false}
          accept={TYPES.join(',')}
          onChange={async (files, e) => {
            e.target.value = '';
            if (files[0]) await upload.run(files[0]);
          }}
        />
        <Button kind="secondary" onClick={() => setPicker('products')} aria-haspopup="dialog">
          {t('chat.composer.products')}
        </Button>
        <Button kind="secondary" onClick={() => setPicker('orders')} aria-haspopup="dialog">
          {t('chat.composer.orders')}
        </Button>
      </div>
      {upload.busy ? <small className="hint">{t('chat.composer.uploading')}</small> : null}
      <ErrorMessage error={send.error ?? upload.error} />
      {picker === 'products' ? (
        <ProductPicker
          shopId={shopId}
          onClose={() => setPicker(undefined)}
          onPick={async (productId) => {
            setPicker(undefined);
            await send.run({ kind: 'product', productId });
          }}
        />
      ) : null}
      {picker === 'orders' ? (
        <OrderPicker
          shopId={shopId}
          onClose={() => setPicker(undefined)}
          onPick={async (orderId) => {
            setPicker(undefined);
            await send.run({ kind: 'order', orderId });
          }}
        />
      ) : null}
    </div>
  );
}
