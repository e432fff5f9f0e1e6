import { useI18n } from '../../i18n/index.tsx';
import { ChatCardView } from './ChatCardView.tsx';
import { ChatImage } from './ChatImage.tsx';
import type { ChatMessage } from './chat-types.ts';
import { RatingCard } from './RatingCard.tsx';

/**
 * One message in the buyer's conversation: the buyer's on the right with 已读/未读 (the shop read up to
 * `otherReadId`), the shop's, the bot's and the system's on the left with who wrote them; a held
 * message carries the notice that only the buyer sees it.
 */
export function MessageBubble({ message: m, otherReadId }: { message: ChatMessage; otherReadId: number }) {
  const { t, dateTime } = useI18n();
  if (m.kind === 'rating_request') {
    return (
      <li className="chat-row chat-row-center">
        <RatingCard conversationId={m.conversationId} sessionId={m.sessionId} messageId={m.id} />
      </li>
    );
  }
  const mine = m.sender === 'buyer';
  return (
    <li className={`chat-row ${mine ? 'chat-row-mine' : 'chat-row-theirs'}`} data-message-id={m.id}>
      {mine ? null : <span className="chat-sender hint">{t(`chat.sender.${m.sender}`)}</span>}
      <div className={`chat-bubble ${m.held ? 'chat-bubble-held' : ''}`} title={dateTime(m.createdAt)}>
        {m.kind === 'text' ? <span data-user-text>{m.text}</span> : null}
        {m.kind === 'image' && m.fileId ? <ChatImage fileId={m.fileId} /> : null}
        {(m.kind === 'product' || m.kind === 'order') && m.card ? <ChatCardView card={m.card} /> : null}
      </div>
      {m.held ? (
        <p className="chat-held" role="note">
          {t('chat.held')}
        </p>
      ) : mine ? (
        <small className={`chat-read ${m.id <= otherReadId ? 'chat-read-yes' : ''}`}>
          {m.id <= otherReadId ? t('chat.read') : t('chat.unreadMark')}
        </small>
      ) : null}
    </li>
  );
}
