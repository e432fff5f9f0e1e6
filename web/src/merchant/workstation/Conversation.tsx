import { useEffect, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Composer } from './Composer.tsx';
import { SessionBadge } from './Inbox.tsx';
import { MessageList, WsCard } from './Messages.tsx';
import { TransferDialog } from './TransferDialog.tsx';
import { type CannedReply, type CustomerPanelData, mergeById, type WsMessage } from './types.ts';

/**
 * The conversation in the middle: the buyer, the context card, the session's state with 接入 / 转接 /
 * 结束会话, the messages (live: `incoming` from the shop's stream), and the composer.
 */
export function ConversationPane({
  conversationId,
  shopId,
  incoming,
  changed,
  canned,
  orders,
  onChanged,
}: {
  conversationId: number;
  shopId: number;
  /** messages of this conversation that arrived on the stream */
  incoming: WsMessage[];
  /** bumps when the stream says the conversation's session or read receipt changed */
  changed: number;
  canned: CannedReply[];
  orders: CustomerPanelData['orders'];
  onChanged(): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const [transferring, setTransferring] = useState(false);
  // `changed` reloads it when the stream says the session or a read receipt moved.
  const head = useLoad(
    () => unwrap(api.GET('/api/v1/chat/conversations/{id}', { params: { path: { id: conversationId } } })),
    [api, conversationId, changed],
  );
  const [messages, setMessages] = useState<WsMessage[]>([]);
  const [hasMore, setHasMore] = useState(false);
  useEffect(() => {
    let live = true;
    setMessages([]);
    void unwrap(
      api.GET('/api/v1/chat/conversations/{id}/messages', {
        params: { path: { id: conversationId }, query: { limit: 50 } },
      }),
    ).then((page) => {
      if (!live) return;
      setMessages((m) => mergeById(m, page.items));
      setHasMore(page.hasMore);
    });
    return () => {
      live = false;
    };
  }, [api, conversationId]);
  useEffect(() => {
    if (incoming.length) setMessages((m) => mergeById(m, incoming));
  }, [incoming]);
  const lastId = messages.at(-1)?.id;
  useEffect(() => {
    if (lastId === undefined) return;
    void api
      .POST('/api/v1/chat/conversations/{id}/read', {
        params: { path: { id: conversationId } },
        body: { upToId: lastId },
      })
      .then(() => onChanged());
  }, [api, conversationId, lastId, onChanged]);

  const older = useAction(async () => {
    const first = messages[0];
    if (!first) return;
    const page = await unwrap(
      api.GET('/api/v1/chat/conversations/{id}/messages', {
        params: { path: { id: conversationId }, query: { before: first.id, limit: 50 } },
      }),
    );
    setMessages((m) => mergeById(m, page.items));
    setHasMore(page.hasMore);
  });
  const take = useAction(async (sessionId: number) => {
    await unwrap(api.POST('/api/v1/chat/sessions/{id}/take', { params: { path: { id: sessionId } } }));
    toast.success(t('ws.conversation.taken'));
    head.reload();
    onChanged();
  });
  const close = useAction(async (sessionId: number, name: string) => {
    const ok = await confirm({
      title: t('ws.conversation.closeTitle', { name }),
      body: t('ws.conversation.closeBody'),
      confirmLabel: t('ws.conversation.close'),
      danger: true,
    });
    if (!ok) return;
    await unwrap(api.POST('/api/v1/chat/sessions/{id}/close', { params: { path: { id: sessionId } } }));
    toast.success(t('ws.conversation.closed'));
    head.reload();
    onChanged();
  });

  const c = head.data;
  if (!c) {
    return (
      <section className="ws-pane ws-conversation">
        <ErrorMessage error={head.error} />
      </section>
    );
  }
  const session = c.session;
  return (
    <section
      className="ws-pane ws-conversation"
      aria-label={t('ws.conversation.label', { name: c.buyerName })}
    >
      <header className="ws-head row between">
        <span className="row">
          <strong data-user-text>{c.buyerName}</strong>
          <SessionBadge state={session?.state} />
        </span>
        <span className="row">
          {session && (session.state === 'queued' || session.state === 'bot') ? (
            <Button busy={take.busy} onClick={() => void take.run(session.id)}>
              {t('ws.conversation.take')}
            </Button>
          ) : null}
          {session && session.state !== 'closed' && session.state !== 'bot' ? (
            <Button kind="secondary" onClick={() => setTransferring(true)} aria-haspopup="dialog">
              {t('ws.conversation.transfer')}
            </Button>
          ) : null}
          {session && session.state !== 'closed' ? (
            <Button kind="danger" busy={close.busy} onClick={() => void close.run(session.id, c.buyerName)}>
              {t('ws.conversation.close')}
            </Button>
          ) : null}
        </span>
      </header>
      <ErrorMessage error={take.error ?? close.error} />
      {c.context ? (
        <div className="ws-context row">
          <span className="hint">{t('ws.conversation.context')}</span>
          <WsCard card={c.context} />
        </div>
      ) : null}
      {transferring && session ? (
        <TransferDialog
          shopId={shopId}
          sessionId={session.id}
          currentAgentId={session.agentId}
          onDone={() => {
            setTransferring(false);
            head.reload();
            onChanged();
          }}
          onCancel={() => setTransferring(false)}
        />
      ) : null}
      <div className="ws-scroll">
        {hasMore ? (
          <Button kind="link" busy={older.busy} onClick={() => void older.run()}>
            {t('ws.conversation.older')}
          </Button>
        ) : null}
        <MessageList messages={messages} buyerReadId={c.otherReadId} />
      </div>
      {!session ? <p className="hint ws-pad">{t('ws.composer.closedHint')}</p> : null}
      <Composer
        conversationId={conversationId}
        shopId={shopId}
        canned={canned}
        orders={orders}
        onSent={(m) => {
          setMessages((list) => mergeById(list, [m]));
          onChanged();
        }}
      />
    </section>
  );
}
