import { useNow } from '../../common/hooks.ts';
import { Badge } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { durationParts, type InboxItem, type InboxTab } from './types.ts';

const TABS: InboxTab[] = ['waiting', 'mine', 'all'];

/** How long a buyer has waited, ticking every second (已等待 2 分 15 秒). */
export function Waited({ since }: { since: string }) {
  const { t } = useI18n();
  const now = useNow(1000);
  const d = durationParts(now - new Date(since).getTime());
  const time = t(`ws.duration.${d.key}`, { h: d.h, m: d.m, s: d.s });
  return (
    <span
      className={`ws-waited${now - new Date(since).getTime() > 180_000 ? ' ws-waited-late' : ''}`}
      role="timer"
    >
      {t('ws.inbox.waited', { time })}
    </span>
  );
}

/** The inbox: tabs 待接入 / 我的 / 全部, each conversation with waiting time, unread and the last message. */
export function Inbox({
  tab,
  onTab,
  items,
  counts,
  selected,
  onSelect,
}: {
  tab: InboxTab;
  onTab(tab: InboxTab): void;
  items: InboxItem[] | undefined;
  counts: Partial<Record<InboxTab, number>>;
  selected: number | undefined;
  onSelect(conversationId: number): void;
}) {
  const { t } = useI18n();
  return (
    <section className="ws-pane ws-inbox" aria-label={t('ws.inbox.label')}>
      <div className="ws-tabs" role="tablist" aria-label={t('ws.inbox.label')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={`ws-tab${tab === name ? ' ws-tab-on' : ''}`}
            onClick={() => onTab(name)}
          >
            {t(`ws.tab.${name}`)}
            {counts[name] ? <span className="ws-count">{counts[name]}</span> : null}
          </button>
        ))}
      </div>
      {items === undefined ? (
        <p className="hint ws-pad">{t('ws.live.connecting')}</p>
      ) : items.length === 0 ? (
        <div className="ws-pad stack">
          <p>{t(`ws.inbox.empty.${tab}`)}</p>
          <p className="hint">{t('ws.inbox.emptyHint')}</p>
        </div>
      ) : (
        <ul className="plain ws-list">
          {items.map((item) => (
            <li key={item.conversationId}>
              <button
                type="button"
                className={`ws-item${selected === item.conversationId ? ' ws-item-on' : ''}`}
                aria-current={selected === item.conversationId ? 'true' : undefined}
                onClick={() => onSelect(item.conversationId)}
                data-conversation={item.conversationId}
              >
                <span className="row between">
                  <strong data-user-text>{item.buyer.displayName}</strong>
                  {item.unread > 0 ? (
                    <span className="ws-unread" title={t('ws.inbox.unread', { n: item.unread })}>
                      <span aria-hidden="true">{item.unread}</span>
                      <span className="visually-hidden">{t('ws.inbox.unread', { n: item.unread })}</span>
                    </span>
                  ) : null}
                </span>
                <span className="ws-preview hint">
                  <Preview item={item} />
                </span>
                <span className="row between ws-meta">
                  <SessionBadge state={item.session?.state} />
                  {item.waitingSince ? <Waited since={item.waitingSince} /> : null}
                </span>
                {item.session?.agentName && tab !== 'mine' ? (
                  <span className="hint ws-meta">
                    {t('ws.inbox.servedBy', { name: '' })}
                    <span data-user-text>{item.session.agentName}</span>
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Preview({ item }: { item: InboxItem }) {
  const { t } = useI18n();
  const m = item.lastMessage;
  if (!m) return <>{t('ws.inbox.noMessage')}</>;
  if (m.kind === 'text') return <span data-user-text>{m.text}</span>;
  return <>{t(`ws.preview.${m.kind as 'image' | 'product' | 'order' | 'rating_request'}`)}</>;
}

export function SessionBadge({ state }: { state: string | undefined }) {
  const { t } = useI18n();
  if (!state) return <Badge>{t('ws.session.none')}</Badge>;
  const tone = state === 'queued' ? 'warn' : state === 'serving' ? 'ok' : 'neutral';
  return <Badge tone={tone}>{t(`ws.session.${state as 'bot' | 'queued' | 'serving' | 'closed'}`)}</Badge>;
}
