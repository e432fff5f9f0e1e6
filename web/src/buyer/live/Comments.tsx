import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { useAction } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { ErrorMessage, useWording } from '../../common/ui.tsx';
import { holdReason } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ReportSheet } from '../reports/index.ts';
import type { LiveComment } from '../types.ts';

/**
 * The author's own held comments: only they see them, with the reason screening gave; kept across
 * reloads (signed in, the feed also returns the reader's own held comments).
 */
export function useHeldComments(sessionId: number) {
  const api = useApi();
  const { account } = useSession();
  const [held, setHeld] = useState<LiveComment[]>([]);
  useEffect(() => {
    if (!account) return;
    let live = true;
    void api
      .GET('/api/v1/live/sessions/{id}/comments', {
        params: { path: { id: sessionId }, query: { limit: 50 } },
      })
      .then(({ data }) => {
        const mine = data?.items.filter((c) => c.state !== 'visible') ?? [];
        if (live && mine.length)
          setHeld((h) => [...h.filter((x) => !mine.some((m) => m.id === x.id)), ...mine]);
      });
    return () => {
      live = false;
    };
  }, [api, account, sessionId]);
  return { held, addHeld: (c: LiveComment) => setHeld((h) => [...h, c]) };
}

/** Comments floating over the lower part of the video, newest at the bottom. */
export function CommentStream({ comments }: { comments: LiveComment[] }) {
  const { t } = useI18n();
  const w = useWording();
  const { account } = useSession();
  // tapping someone else's comment offers to report it (举报)
  const [reporting, setReporting] = useState<LiveComment>();
  const end = useRef<HTMLLIElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a comment arrives
  useEffect(() => {
    // the list scrolls, not the page: keep the newest comment in view inside the list
    const box = end.current?.parentElement;
    if (box) box.scrollTop = box.scrollHeight;
  }, [comments.length]);
  return (
    <ol className="lr-comments" aria-live="polite" aria-label={t('buyer.live.comments')}>
      <li className="lr-comment lr-notice">{t('buyer.room.welcome')}</li>
      {comments.map((c) => (
        <li key={c.id} className={`lr-comment${c.state === 'hidden' ? ' lr-comment-held' : ''}`}>
          {c.state === 'visible' && c.author.userId !== account?.id ? (
            <button
              type="button"
              className="lr-comment-tap"
              aria-haspopup="dialog"
              aria-label={t('report.ofComment', { name: c.author.displayName })}
              onClick={() => setReporting(c)}
            >
              <span className="lr-comment-author" data-user-text>
                {c.author.displayName}
              </span>{' '}
              <span data-user-text>{c.text}</span>
            </button>
          ) : (
            <>
              <span className="lr-comment-author" data-user-text>
                {c.author.displayName}
              </span>{' '}
              <span data-user-text>{c.text}</span>
            </>
          )}
          {c.state === 'hidden' ? (
            <small className="lr-held-note" role="note">
              {t('buyer.live.heldForYou', {
                reason: c.hiddenReason ? holdReason(w, c.hiddenReason) : t('common.none'),
              })}
            </small>
          ) : null}
        </li>
      ))}
      <li ref={end} aria-hidden="true" className="lr-comment-end" />
      {/* the sheet is portalled to the page's body, outside this list */}
      {reporting ? (
        <ReportSheet
          subject={{ type: 'live_comment', id: reporting.id }}
          about={`${reporting.author.displayName}：${reporting.text}`}
          onClose={() => setReporting(undefined)}
        />
      ) : null}
    </ol>
  );
}

/** The comment box of the bottom bar (or a sign-in link). */
export function CommentBox({ sessionId, onPosted }: { sessionId: number; onPosted(c: LiveComment): void }) {
  const { t } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const [text, setText] = useState('');
  const post = useAction(async (body: string) =>
    unwrap(
      api.POST('/api/v1/live/sessions/{id}/comments', {
        params: { path: { id: sessionId } },
        body: { text: body },
      }),
    ),
  );
  if (!account)
    return (
      <Link className="lr-comment-box lr-signin" to={`/login?next=/live/${sessionId}`}>
        {t('buyer.live.signInToComment')}
      </Link>
    );
  return (
    <form
      className="lr-comment-box"
      aria-label={t('buyer.live.commentForm')}
      onSubmit={async (e) => {
        e.preventDefault();
        const body = text.trim();
        if (!body) return;
        const c = await post.run(body);
        if (!c) return;
        setText('');
        onPosted(c);
      }}
    >
      <label htmlFor="comment-text" className="visually-hidden">
        {t('buyer.live.commentLabel')}
      </label>
      <input
        id="comment-text"
        value={text}
        maxLength={200}
        autoComplete="off"
        enterKeyHint="send"
        placeholder={t('buyer.live.commentPlaceholder')}
        onChange={(e) => {
          setText(e.target.value);
          post.clear();
        }}
      />
      <button type="submit" className="lr-send" disabled={post.busy} aria-busy={post.busy}>
        {t('buyer.live.send')}
      </button>
      {post.error ? (
        <div className="lr-comment-error">
          <ErrorMessage error={post.error} />
        </div>
      ) : null}
    </form>
  );
}
