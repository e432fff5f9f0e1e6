import { Link } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { useChatStream } from '../../common/chat-stream.ts';
import { EmptyState, SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageTitle, RequireBuyer, Thumb } from '../parts.tsx';
import type { ConversationSummary } from './chat-types.ts';
import './chat.css';

/** 客服消息: the buyer's conversations with shops, latest first, with unread badges; live. */
export function ChatListPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('chat.list.title')}>
      <ChatList />
    </RequireBuyer>
  );
}

function ChatList() {
  const { t } = useI18n();
  const api = useApi();
  const list = useLoad(() => unwrap(api.GET('/api/v1/chat/conversations')), [api]);
  useChatStream({ buyer: true }, (event) => {
    if (event.event === 'message' || event.event === 'read') list.reload();
  });
  return (
    <section className="stack">
      <PageTitle>
        {list.data?.unread ? t('chat.list.withCount', { n: list.data.unread }) : t('chat.list.title')}
      </PageTitle>
      <SkeletonLoadState loaded={list}>
        {(d) =>
          d.items.length ? (
            <ul className="plain chat-list">
              {d.items.map((c) => (
                <ChatListItem key={c.id} item={c} />
              ))}
            </ul>
          ) : (
            <EmptyState
              title={t('chat.list.empty')}
              hint={t('chat.list.emptyHint')}
              action={{ label: t('chat.list.emptyAction'), to: '/' }}
            />
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function ChatListItem({ item: c }: { item: ConversationSummary }) {
  const { t, dateTime } = useI18n();
  const last = c.lastMessage;
  const preview = !last
    ? t('chat.list.noMessage')
    : last.kind === 'text'
      ? (last.text ?? '')
      : t(`chat.preview.${last.kind}`);
  return (
    <li>
      <Link to={`/chat/${c.id}`} className="chat-list-item">
        <span className="chat-avatar" role="img" aria-label={t('chat.list.avatar', { name: c.shopName })}>
          <Thumb title={c.shopName} />
        </span>
        <span className="chat-list-body">
          <span className="row between">
            <strong data-user-text>{c.shopName}</strong>
            <small className="hint">{dateTime(c.lastMessageAt)}</small>
          </span>
          <span className="row between">
            <span className="chat-preview hint" data-user-text={last?.kind === 'text' ? true : undefined}>
              {preview}
            </span>
            {c.unread ? (
              <span className="chat-unread">
                <span aria-hidden="true">{c.unread > 99 ? '99+' : c.unread}</span>
                <span className="visually-hidden">{t('chat.list.unread', { n: c.unread })}</span>
              </span>
            ) : null}
          </span>
        </span>
      </Link>
    </li>
  );
}

/** 我的 → 客服消息, with the unread count over every conversation (kept live). */
export function ChatLink() {
  const { t } = useI18n();
  const api = useApi();
  const list = useLoad(() => unwrap(api.GET('/api/v1/chat/conversations')), [api]);
  useChatStream({ buyer: true }, (event) => {
    if (event.event === 'message' || event.event === 'read') list.reload();
  });
  const n = list.data?.unread ?? 0;
  return (
    <Link to="/chat" aria-label={n ? t('chat.list.withCount', { n }) : t('chat.list.title')}>
      {t('chat.list.title')}
      {n ? (
        <span className="menu-count" aria-hidden="true">
          {n}
        </span>
      ) : null}
    </Link>
  );
}
