import { useCallback, useEffect, useRef, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { type ChatStreamEvent, useChatStream } from '../../common/chat-stream.ts';
import { useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useShop } from '../shop.tsx';
import { CannedRepliesManager } from './CannedReplies.tsx';
import { ConversationPane } from './Conversation.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { Inbox } from './Inbox.tsx';
import type { InboxItem, InboxTab, WsMessage } from './types.ts';
import './workstation.css';

/**
 * /merchant/workstation (客服工作台, product rules §8.2): my status in the header, then three panes —
 * the inbox (待接入 / 我的 / 全部, waiting time ticking), the conversation, the customer panel. Live
 * through the shop's chat stream: a new message or a session move reloads what it touches.
 */
export function WorkstationPage() {
  const { t } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const { shop } = useShop();
  const toast = useToast();
  const [tab, setTab] = useState<InboxTab>('mine');
  const [selected, setSelected] = useState<number>();
  const [incoming, setIncoming] = useState<WsMessage[]>([]);
  const [changed, setChanged] = useState(0);
  const [inbox, setInbox] = useState<InboxItem[]>();
  const [counts, setCounts] = useState<Partial<Record<InboxTab, number>>>({});
  const [inboxError, setInboxError] = useState<unknown>();

  // The last load wins: a slower answer for another tab (or from before a reload) is dropped.
  const generation = useRef(0);
  const loadInbox = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const [current, waiting, serving] = await Promise.all(
        (['current', 'waiting', 'mine'] as const).map((which) =>
          unwrap(
            api.GET('/api/v1/shops/{id}/chat/inbox', {
              params: { path: { id: shop.id }, query: { status: which === 'current' ? tab : which } },
            }),
          ),
        ),
      );
      if (mine !== generation.current) return;
      setInbox(current!.items);
      setCounts({ waiting: waiting!.items.length, mine: serving!.items.length });
      setInboxError(undefined);
    } catch (err) {
      if (mine === generation.current) setInboxError(err);
    }
  }, [api, shop.id, tab]);
  useEffect(() => {
    setInbox(undefined);
    void loadInbox();
  }, [loadInbox]);

  // The stream can bring many events at once: the inbox reloads at most every 300 ms.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latestLoad = useRef(loadInbox);
  latestLoad.current = loadInbox;
  const reloadSoon = useCallback(() => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      void latestLoad.current();
    }, 300);
  }, []);
  useEffect(() => () => clearTimeout(pending.current), []);

  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const connection = useChatStream({ shopId: shop.id }, (event: ChatStreamEvent) => {
    if (event.event === 'snapshot') {
      reloadSoon();
      return;
    }
    if (event.data.conversationId === selectedRef.current) {
      if (event.event === 'message') setIncoming((list) => [...list, event.data.message]);
      else setChanged((n) => n + 1);
    }
    reloadSoon();
  });

  const agents = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/chat/agents', { params: { path: { id: shop.id } } })),
    [api, shop.id],
  );
  const me = agents.data?.items.find((a) => a.userId === account?.id);
  const setStatus = useAction(async (status: 'online' | 'away') => {
    const result = await unwrap(
      api.POST('/api/v1/shops/{id}/chat/status', { params: { path: { id: shop.id } }, body: { status } }),
    );
    if (result.routed > 0) toast.success(t('ws.status.routed', { n: result.routed }));
    agents.reload();
    void loadInbox();
  });

  const canned = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/chat/canned-replies', { params: { path: { id: shop.id } } })),
    [api, shop.id],
  );
  const customer = useLoad(
    () =>
      selected === undefined
        ? Promise.resolve(undefined)
        : unwrap(api.GET('/api/v1/chat/conversations/{id}/customer', { params: { path: { id: selected } } })),
    [api, selected, changed],
  );
  const select = (id: number) => {
    setIncoming([]);
    setSelected(id);
  };
  const onChanged = useCallback(() => reloadSoon(), [reloadSoon]);

  return (
    <section className="stack ws-page">
      <header className="row between ws-top">
        <h2>{t('ws.title')}</h2>
        <span className="row">
          <span className={`ws-live ws-live-${connection}`} role="status">
            {t(`ws.live.${connection}`)}
          </span>
          <fieldset className="ws-status">
            <legend className="visually-hidden">{t('ws.status.label')}</legend>
            {(['online', 'away'] as const).map((s) => (
              <button
                key={s}
                type="button"
                className={`ws-status-btn${me?.status === s ? ` ws-status-on ws-status-${s}` : ''}`}
                aria-pressed={me?.status === s}
                disabled={setStatus.busy || me === undefined}
                title={t(s === 'online' ? 'ws.status.onlineHint' : 'ws.status.awayHint')}
                onClick={() => me?.status !== s && void setStatus.run(s)}
              >
                {t(`ws.status.${s}`)}
              </button>
            ))}
          </fieldset>
        </span>
      </header>
      <ErrorMessage error={setStatus.error ?? agents.error ?? (inboxError as never)} />
      <div className="ws-panes">
        <Inbox tab={tab} onTab={setTab} items={inbox} counts={counts} selected={selected} onSelect={select} />
        {selected === undefined ? (
          <section className="ws-pane ws-conversation ws-pick">
            <p className="hint">{t('ws.conversation.pick')}</p>
          </section>
        ) : (
          <ConversationPane
            key={selected}
            conversationId={selected}
            shopId={shop.id}
            incoming={incoming}
            changed={changed}
            canned={canned.data?.items ?? []}
            orders={customer.data?.orders ?? []}
            onChanged={onChanged}
          />
        )}
        <CustomerPanel data={customer.data} />
      </div>
      <CannedRepliesManager shopId={shop.id} replies={canned.data?.items ?? []} onChanged={canned.reload} />
    </section>
  );
}
