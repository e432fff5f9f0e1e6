import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import './rating-card.css';

const RATINGS = ['good', 'neutral', 'bad'] as const;
type Rating = (typeof RATINGS)[number];

/**
 * The end-of-session satisfaction card in the buyer's conversation (product rules §8.3): 满意 / 一般 /
 * 不满意 and an optional comment, once; afterwards it shows the rating given.
 */
export function RatingCard({
  sessionId,
}: {
  conversationId: number;
  sessionId: number | null;
  messageId: number;
}) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [choice, setChoice] = useState<Rating>();
  const [comment, setComment] = useState('');
  const state = useLoad(
    async () =>
      sessionId === null
        ? null
        : unwrap(api.GET('/api/v1/chat/sessions/{id}/rating', { params: { path: { id: sessionId } } })),
    [api, sessionId],
  );
  const rate = useAction(async () => {
    if (sessionId === null || !choice) return;
    const rated = await unwrap(
      api.POST('/api/v1/chat/sessions/{id}/rating', {
        params: { path: { id: sessionId } },
        body: { rating: choice, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }),
    );
    state.set(rated);
    toast.success(t('chatRating.thanks'));
  });
  const s = state.data;
  if (!s) return null;
  if (s.rating) {
    return (
      <section className="rating-card" aria-label={t('chatRating.title')}>
        <p>{t('chatRating.done', { rating: t(`chatRating.${s.rating}`) })}</p>
        {s.ratingComment ? <p data-user-text>{s.ratingComment}</p> : null}
      </section>
    );
  }
  return (
    <section className="rating-card" aria-label={t('chatRating.title')}>
      <p>{t('chatRating.ask')}</p>
      <fieldset className="rating-card-choices">
        <legend className="visually-hidden">{t('chatRating.title')}</legend>
        {RATINGS.map((r) => (
          <label key={r} className={`rating-card-choice ${choice === r ? 'rating-card-chosen' : ''}`}>
            <input
              type="radio"
              className="visually-hidden"
              name={`rating-${sessionId}`}
              value={r}
              checked={choice === r}
              onChange={() => setChoice(r)}
            />
            {t(`chatRating.${r}`)}
          </label>
        ))}
      </fieldset>
      <label className="visually-hidden" htmlFor={`rating-comment-${sessionId}`}>
        {t('chatRating.comment')}
      </label>
      <input
        id={`rating-comment-${sessionId}`}
        className="rating-card-comment"
        maxLength={200}
        placeholder={t('chatRating.commentHint')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <ErrorMessage error={rate.error} />
      <Button disabled={!choice} busy={rate.busy} onClick={() => void rate.run()}>
        {t('chatRating.submit')}
      </Button>
    </section>
  );
}
