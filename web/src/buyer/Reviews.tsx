import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import {
  Badge,
  Button,
  DateTime,
  Empty,
  ErrorMessage,
  Form,
  LoadState,
  TextArea,
  useWording,
} from '../common/ui.tsx';
import { holdReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { EvidencePicker, type Upload } from './evidence.tsx';
import { PageTitle, RequireBuyer, Stars } from './parts.tsx';
import type { MyReview } from './types.ts';

const REVIEW_TONE: Record<MyReview['state'], string> = { visible: 'ok', hidden: 'bad', flagged: 'warn' };

/** Review one line of a completed order (screened: a held review says why). */
export function ReviewForm({ orderId, lineId, onDone }: { orderId: number; lineId: number; onDone(): void }) {
  const { t } = useI18n();
  const w = useWording();
  const api = useApi();
  const ratingId = useId();
  const [rating, setRating] = useState(5);
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [saved, setSaved] = useState<MyReview>();
  const submit = useAction(async () =>
    unwrap(
      api.POST('/api/v1/orders/{id}/reviews', {
        params: { path: { id: orderId } },
        body: { orderLineId: lineId, rating, text: text.trim(), evidenceFileIds: uploads.map((u) => u.id) },
      }),
    ),
  );
  if (saved)
    return (
      <div className={saved.state === 'visible' ? 'notice' : 'error'} role="status">
        {saved.state === 'visible'
          ? t('buyer.review.published')
          : t('buyer.review.held', {
              reason: saved.hiddenReason ? holdReason(w, saved.hiddenReason) : t('common.none'),
            })}{' '}
        <Button kind="link" onClick={onDone}>
          {t('common.close')}
        </Button>
      </div>
    );
  return (
    <Form
      label={t('buyer.review.write')}
      onSubmit={async () => {
        const r = await submit.run();
        if (r) setSaved(r);
      }}
    >
      <fieldset className="rating">
        <legend id={ratingId}>{t('buyer.review.rating')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}>
            <input
              type="radio"
              name={`rating-${lineId}`}
              checked={rating === n}
              onChange={() => setRating(n)}
            />
            {t('buyer.review.stars', { n })}
          </label>
        ))}
      </fieldset>
      <TextArea
        label={t('buyer.review.text')}
        name="text"
        value={text}
        required
        maxLength={1000}
        error={submit.error}
        onChange={(e) => setText(e.target.value)}
      />
      <EvidencePicker uploads={uploads} onChange={setUploads} />
      <ErrorMessage error={submit.error} />
      <Button type="submit" busy={submit.busy}>
        {t('buyer.review.submit')}
      </Button>
    </Form>
  );
}

/**
 * The review form in a bottom sheet over the order (as the shopping apps open it), not in the middle
 * of the page: focus moves into it, Escape or × closes it, and focus returns to the button that opened it.
 */
export function ReviewSheet({
  orderId,
  line,
  onClose,
}: {
  orderId: number;
  line: { id: number; title: string; spec: string };
  onClose(): void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="sheet-backdrop">
      <div className="sheet stack" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <button
          ref={closeRef}
          type="button"
          className="close-btn sheet-close"
          onClick={onClose}
          aria-label={t('common.close')}
        >
          ×
        </button>
        <div className="sheet-head">
          <h2 id={titleId}>{t('buyer.review.write')}</h2>
          <small className="hint">
            {line.title} · {line.spec}
          </small>
        </div>
        <ReviewForm orderId={orderId} lineId={line.id} onDone={onClose} />
      </div>
    </div>
  );
}

export function MyReviewsPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('buyer.review.mine')}>
      <MyReviews />
    </RequireBuyer>
  );
}

function MyReviews() {
  const { t, tEnum } = useI18n();
  const w = useWording();
  const api = useApi();
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/me/reviews', { params: { query: { limit: 50 } } })),
    [api],
  );
  return (
    <div className="stack">
      <PageTitle back>{t('buyer.review.mine')}</PageTitle>
      <LoadState loaded={list}>
        {(d) =>
          d.items.length ? (
            <ul className="plain stack">
              {d.items.map((r) => (
                <li key={r.id} className="card stack">
                  <div className="row between">
                    <Stars rating={r.rating} />
                    <Badge tone={REVIEW_TONE[r.state]}>{tEnum('buyer.reviewState.', r.state)}</Badge>
                  </div>
                  <p data-user-text>{r.text}</p>
                  {r.hiddenReason ? (
                    <p className="field-error">
                      {t('buyer.review.why', { reason: holdReason(w, r.hiddenReason) })}
                    </p>
                  ) : null}
                  <small className="hint">
                    <Link to={`/products/${r.productId}`}>{t('buyer.review.product')}</Link> ·{' '}
                    <Link to={`/orders/${r.orderId}`}>{t('buyer.orders.number', { id: r.orderId })}</Link> ·{' '}
                    <DateTime value={r.createdAt} />
                  </small>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('buyer.review.none')}</Empty>
          )
        }
      </LoadState>
    </div>
  );
}
