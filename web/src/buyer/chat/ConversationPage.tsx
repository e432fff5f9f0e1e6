import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { type ChatStreamEvent, useChatStream } from '../../common/chat-stream.ts';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, LoadState } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageTitle, RequireBuyer } from '../parts.tsx';
import { ChatCardView } from './ChatCardView.tsx';
import { Composer, useSend } from './Composer.tsx';
import { type ChatMessage, type Conversation, mergeMessages } from './chat-types.ts';
import { MessageBubble } from './MessageBubble.tsx';
import './chat.css';

/** The buyer's conversation with a shop (/chat/:id). */
export function ConversationPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  return (
    <RequireBuyer title={t('chat.list.title')}>
      <ConversationLoader id={id} />
    </RequireBuyer>
  );
}

function ConversationLoader({ id }: { id: number }) {
  const api = useApi();
  const header = useLoad(
    () => unwrap(api.GET('/api/v1/chat/conversations/{id}', { params: { path: { id } } })),
    [api, id],
  );
  return (
    <LoadState loaded={header}>
      {(c) => <ConversationView conversation={c} onHeader={header.set} />}
    </LoadState>
  );
}

const PAGE = 30;

function ConversationView({
  conversation: c,
  onHeader,
}: {
  conversation: Conversation;
  onHeader(c: Conversation): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [otherReadId, setOtherReadId] = useState(c.otherReadId);
  const [session, setSession] = useState(c.session);
  const readUpTo = useRef(c.readId);
  const end = useRef<HTMLLIElement>(null);

  const loadLatest = useCallback(async () => {
    const page = await unwrap(
      api.GET('/api/v1/chat/conversations/{id}/messages', {
        params: { path: { id: c.id }, query: { limit: PAGE } },
      }),
    );
    setMessages((list) => mergeMessages(list, page.items));
    setHasMore((more) => more || page.hasMore);
    return page.items.length;
  }, [api, c.id]);
  const reloadHeader = useCallback(async () => {
    const next = await unwrap(api.GET('/api/v1/chat/conversations/{id}', { params: { path: { id: c.id } } }));
    // a receipt only moves forward: a header fetched before the shop's read must not take it back
    setOtherReadId((r) => Math.max(r, next.otherReadId));
    setSession(next.session);
    onHeader(next);
  }, [api, c.id, onHeader]);
  const first = useLoad(loadLatest, [loadLatest]);

  const older = useAction(async () => {
    const page = await unwrap(
      api.GET('/api/v1/chat/conversations/{id}/messages', {
        params: { path: { id: c.id }, query: { limit: PAGE, before: messages[0]?.id } },
      }),
    );
    setMessages((list) => mergeMessages(list, page.items));
    setHasMore(page.hasMore);
  });

  const connection = useChatStream({ buyer: true }, (event: ChatStreamEvent) => {
    if (event.event === 'snapshot') {
      // (re)connected: what came while away is read again
      void loadLatest().catch(() => undefined);
      return;
    }
    if (event.data.conversationId !== c.id) return;
    if (event.event === 'message') setMessages((list) => mergeMessages(list, [event.data.message]));
    else if (event.event === 'read' && event.data.side === 'shop')
      setOtherReadId((r) => Math.max(r, event.data.readId));
    else if (event.event === 'session' || event.event === 'conversation')
      void reloadHeader().catch(() => undefined);
  });

  // The shop's messages on screen are read: one receipt up to the newest.
  const newestTheirs = messages.reduce((n, m) => (m.sender !== 'buyer' && m.id > n ? m.id : n), 0);
  useEffect(() => {
    if (newestTheirs <= readUpTo.current) return;
    readUpTo.current = newestTheirs;
    void api
      .POST('/api/v1/chat/conversations/{id}/read', {
        params: { path: { id: c.id } },
        body: { upToId: newestTheirs },
      })
      .catch(() => undefined);
  }, [api, c.id, newestTheirs]);
  const newest = messages.at(-1)?.id;
  useEffect(() => {
    if (newest !== undefined) end.current?.scrollIntoView?.({ block: 'end' });
  }, [newest]);

  const send = useSend(c.id, (m) => setMessages((list) => mergeMessages(list, [m])));
  const human = useAction(async () => {
    await unwrap(api.POST('/api/v1/chat/conversations/{id}/human', { params: { path: { id: c.id } } }));
    await reloadHeader();
  });
  const sendContext = c.context && c.context.type !== 'live' ? c.context : null;

  return (
    <section className="chat-page stack" aria-label={t('chat.title', { shop: c.shopName })}>
      <PageTitle back>
        <span data-user-text>{c.shopName}</span>
      </PageTitle>
      {c.context ? (
        <section className="card chat-context" aria-label={t('chat.context.label')}>
          <small className="hint">{t('chat.context.label')}</small>
          <div className="row between">
            <ChatCardView card={c.context} />
            {sendContext ? (
              <Button
                kind="secondary"
                busy={send.busy}
                aria-label={t('chat.context.sendLabel', { title: sendContext.title })}
                onClick={() =>
                  void send.run(
                    sendContext.type === 'product'
                      ? { kind: 'product', productId: sendContext.id }
                      : { kind: 'order', orderId: sendContext.id },
                  )
                }
              >
                {t('chat.context.send')}
              </Button>
            ) : null}
          </div>
        </section>
      ) : null}
      <div className="row between chat-status">
        <small className="hint" role="status">
          {connection === 'reconnecting'
            ? t('chat.reconnecting')
            : session
              ? t(`chat.session.${session.state === 'closed' ? 'serving' : session.state}`)
              : ''}
        </small>
        {session?.state === 'bot' ? (
          <Button kind="secondary" busy={human.busy} onClick={() => void human.run()}>
            {t('chat.human')}
          </Button>
        ) : null}
      </div>
      <ErrorMessage error={human.error} />
      <LoadState loaded={first}>
        {() => (
          <ol className="plain chat-messages" aria-live="polite">
            {hasMore ? (
              <li className="chat-row chat-row-center">
                <Button kind="link" busy={older.busy} onClick={() => void older.run()}>
                  {t('chat.olderMessages')}
                </Button>
              </li>
            ) : null}
            {messages.length === 0 ? <li className="hint chat-row-center">{t('chat.empty')}</li> : null}
            {messages.map((m) => (
              <MessageBubble key={m.id} message={m} otherReadId={otherReadId} />
            ))}
            <li ref={end} aria-hidden="true" />
          </ol>
        )}
      </LoadState>
      <Composer conversationId={c.id} shopId={c.shopId} send={send} />
    </section>
  );
}
