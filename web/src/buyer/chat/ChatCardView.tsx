import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { Thumb } from '../parts.tsx';
import type { ChatCard } from './chat-types.ts';

const linkOf = (card: ChatCard) =>
  card.type === 'product'
    ? `/products/${card.id}`
    : card.type === 'order'
      ? `/orders/${card.id}`
      : `/live/${card.id}`;

/** A product, order or live room as a card: image, title, price or total, state; opens it. */
export function ChatCardView({ card }: { card: ChatCard }) {
  const { t, tEnum, money } = useI18n();
  return (
    <Link
      to={linkOf(card)}
      className="chat-card"
      aria-label={`${card.type === 'live' ? t('chat.context.live') : t(`chat.card.${card.type}`)} ${card.title}`}
    >
      <Thumb title={card.title} imageUrl={card.imageUrl} size="sm" />
      <span className="chat-card-body">
        <span className="chat-card-title" data-user-text>
          {card.title}
        </span>
        <span className="hint">
          {card.type === 'product' ? money(card.amountFen) : null}
          {card.type === 'order' ? (
            <>
              {tEnum('buyer.orderState.', card.state)} · {t('chat.card.items', { n: card.itemCount ?? 0 })} ·{' '}
              {money(card.amountFen)}
            </>
          ) : null}
          {card.type === 'live'
            ? `${t('chat.context.live')} · ${tEnum('buyer.liveState.', card.state)}`
            : null}
        </span>
      </span>
    </Link>
  );
}
