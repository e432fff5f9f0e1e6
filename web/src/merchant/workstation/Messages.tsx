import { PrivateImage } from '../../common/private-image.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { WsMessage } from './types.ts';

/** An image sent in the chat. */
function WsImage({ fileId }: { fileId: number }) {
  const { t } = useI18n();
  return (
    <PrivateImage
      fileId={fileId}
      className="ws-image"
      alt={t('ws.image')}
      placeholder={t('ws.imageLoading')}
    />
  );
}

/** A product or order card in a message. */
export function WsCard({ card }: { card: NonNullable<WsMessage['card']> }) {
  const { t, tEnum, money } = useI18n();
  return (
    <span className="ws-card">
      {card.imageUrl ? <img src={card.imageUrl} alt="" className="ws-card-img" /> : null}
      <span className="stack ws-card-body">
        <span data-user-text>{card.title}</span>
        <span className="hint">
          {card.type === 'order'
            ? `${tEnum('buyer.orderState.', card.state)} · ${t('ws.card.items', { n: card.itemCount ?? 0 })} · ${money(card.amountFen)}`
            : card.type === 'product'
              ? money(card.amountFen)
              : null}
        </span>
      </span>
    </span>
  );
}

/** The conversation's messages as the shop sees them: the buyer's on the left, the shop's on the right. */
export function MessageList({ messages, buyerReadId }: { messages: WsMessage[]; buyerReadId: number }) {
  const { t, dateTime } = useI18n();
  return (
    <ol className="plain ws-messages" aria-live="polite">
      {messages.map((m) => {
        if (m.kind === 'rating_request') {
          return (
            <li key={m.id} className="ws-row ws-row-center hint">
              {t('ws.ratingRequest')}
            </li>
          );
        }
        const ours = m.sender !== 'buyer';
        return (
          <li
            key={m.id}
            className={`ws-row ${ours ? 'ws-row-ours' : 'ws-row-theirs'}`}
            data-message-id={m.id}
          >
            <span className="hint ws-sender">
              {t(`ws.sender.${m.sender}`)} · {dateTime(m.createdAt)}
            </span>
            <div className={`ws-bubble ws-bubble-${m.sender}${m.held ? ' ws-bubble-held' : ''}`}>
              {m.kind === 'text' ? <span data-user-text>{m.text}</span> : null}
              {m.kind === 'image' && m.fileId ? <WsImage fileId={m.fileId} /> : null}
              {(m.kind === 'product' || m.kind === 'order') && m.card ? <WsCard card={m.card} /> : null}
            </div>
            {m.held ? (
              <small className="ws-held" role="note">
                {t('ws.held')}
              </small>
            ) : m.sender === 'agent' ? (
              <small className="hint">{m.id <= buyerReadId ? t('ws.read') : t('ws.unreadMark')}</small>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
