import { useId, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, DateTime, ErrorMessage, Form, TextArea } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import './surveys.css';

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * The NPS survey offered after this completed order (product rules §7.3), when one is open: 0–10 and
 * an optional comment, answered once. Nothing when the order has no open survey.
 */
export function NpsPrompt({ orderId }: { orderId: number }) {
  const { t } = useI18n();
  const api = useApi();
  const titleId = useId();
  const surveys = useLoad(() => unwrap(api.GET('/api/v1/me/surveys')), [api]);
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [answered, setAnswered] = useState<{ held: boolean }>();
  const survey = surveys.data?.items.find((s) => s.orderId === orderId);
  const answer = useAction(async (id: number, value: number) =>
    unwrap(
      api.POST('/api/v1/me/surveys/{id}/answer', {
        params: { path: { id } },
        body: { score: value, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }),
    ),
  );
  if (answered) {
    return (
      <p className="notice" role="status">
        {answered.held ? t('nps.held') : t('nps.thanks')}
      </p>
    );
  }
  if (!survey) return null;
  return (
    <section className="card stack nps" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('nps.title')}</h2>
      <Form
        label={t('nps.title')}
        onSubmit={async () => {
          if (score === undefined) {
            setMissing(true);
            return;
          }
          const r = await answer.run(survey.id, score);
          if (r) setAnswered({ held: r.commentState === 'held' });
        }}
      >
        <fieldset className="nps-scale">
          <legend>{t('nps.question', { shop: survey.shop.name })}</legend>
          <div className="nps-scores">
            {SCORES.map((n) => (
              <button
                key={n}
                type="button"
                className={`nps-score${score === n ? ' nps-chosen' : ''}`}
                aria-pressed={score === n}
                aria-label={t('nps.scoreN', { n })}
                onClick={() => {
                  setScore(n);
                  setMissing(false);
                }}
              >
                {n}
              </button>
            ))}
          </div>
          <div className="nps-ends hint" aria-hidden="true">
            <span>{t('nps.unlikely')}</span>
            <span>{t('nps.likely')}</span>
          </div>
          <small className="hint">{t('nps.scale')}</small>
        </fieldset>
        {missing ? (
          <p className="error" role="alert">
            {t('nps.chooseScore')}
          </p>
        ) : null}
        <TextArea
          label={t('nps.comment')}
          name="comment"
          value={comment}
          maxLength={300}
          onChange={(e) => setComment(e.target.value)}
        />
        <small className="hint">
          {t('nps.until')}
          <DateTime value={survey.expiresAt} />
        </small>
        <ErrorMessage error={answer.error} />
        <Button type="submit" busy={answer.busy}>
          {t('nps.submit')}
        </Button>
      </Form>
    </section>
  );
}
