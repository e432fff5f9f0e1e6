import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type ApiError, unwrap } from '../api/client.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { type LivePinView, useLiveEvents } from '../common/live-events.ts';
import { useApi, useSession } from '../common/session.tsx';
import { Badge, Button, ErrorMessage, Form, LoadState, Money, useWording } from '../common/ui.tsx';
import { holdReason, systemReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { BuySheet } from './BuySheet.tsx';
import { Thumb } from './parts.tsx';
import type { LiveComment, LivePin, LiveSession } from './types.ts';

export function LiveRoomPage() {
  const id = Number(useParams().id);
  const api = useApi();
  const session = useLoad(
    () => unwrap(api.GET('/api/v1/live/sessions/{id}', { params: { path: { id } } })),
    [api, id],
  );
  return <LoadState loaded={session}>{(s) => <LiveRoom key={s.id} initial={s} />}</LoadState>;
}

function stockOf(pins: LivePinView[]): Record<number, number> {
  return Object.fromEntries(pins.flatMap((p) => p.skus.map((k) => [k.skuId, k.stock])));
}

function LiveRoom({ initial }: { initial: LiveSession }) {
  const { t } = useI18n();
  const w = useWording();
  const [session, setSession] = useState(initial);
  const [pins, setPins] = useState<LivePin[]>(initial.pins);
  const [stock, setStock] = useState<Record<number, number>>({});
  const [comments, setComments] = useState<LiveComment[]>([]);
  const [buying, setBuying] = useState<number>();
  const addComment = useCallback(
    (c: LiveComment) =>
      setComments((list) => (list.some((x) => x.id === c.id) ? list : [...list, c].slice(-200))),
    [],
  );
  // Realtime: the snapshot replaces the room's state on every (re)connection; comments dedupe by id.
  const connection = useLiveEvents(initial.id, {
    onSnapshot: (snap) => {
      setSession((s) => ({ ...s, ...snap.session }));
      setPins(snap.pins);
      setStock(stockOf(snap.pins));
      for (const c of snap.comments) addComment(c);
    },
    onComment: addComment,
    onPins: (next) => {
      setPins(next);
      setStock((s) => ({ ...s, ...stockOf(next) }));
    },
    onStock: (change) => {
      setStock((s) => ({ ...s, [change.skuId]: change.stock }));
      setPins((list) =>
        list.map((p) => (p.productId === change.productId ? { ...p, totalStock: change.totalStock } : p)),
      );
    },
    onSession: (change) =>
      setSession((s) => ({ ...s, state: change.state, endReason: change.reason ?? s.endReason })),
  });
  const over = session.state === 'ended' || session.state === 'terminated';
  return (
    <div className="live-room">
      <section className="stream" aria-label={t('buyer.live.stream')}>
        {session.streamUrl && session.state === 'live' ? (
          <LiveVideo url={session.streamUrl} label={t('buyer.live.video')} />
        ) : null}
        <div className="stream-panel">
          <span className="row">
            <Badge tone={session.state === 'live' ? 'brand' : 'neutral'}>
              {session.state === 'live'
                ? `● ${t('buyer.live.onAir')}`
                : t(`buyer.liveState.${session.state}`)}
            </Badge>
            {connection === 'reconnecting' ? <Badge tone="warn">{t('buyer.live.reconnecting')}</Badge> : null}
          </span>
          {session.streamUrl && session.state === 'live' ? null : (
            <p className="stream-note">
              {session.state === 'live' ? t('buyer.live.placeholder') : t(`buyer.liveState.${session.state}`)}
            </p>
          )}
        </div>
        <div className="stream-info">
          <h1>{session.title}</h1>
          <p className="hint">
            {session.host.displayName}
            {session.shop ? ` · ${session.shop.name}` : ''}
          </p>
        </div>
      </section>
      {over ? (
        <div className="error" role="alert">
          <strong>{session.state === 'terminated' ? t('buyer.live.stopped') : t('buyer.live.ended')}</strong>
          {session.endReason ? (
            <span> {t('buyer.live.endReason', { reason: systemReason(w, session.endReason) })}</span>
          ) : null}
        </div>
      ) : null}
      <section aria-labelledby="pins-title">
        <h2 id="pins-title">{t('buyer.live.pinned')}</h2>
        {pins.length === 0 ? (
          <p className="empty">{t('buyer.live.noPins')}</p>
        ) : (
          <ul className="pins" aria-labelledby="pins-title">
            {pins.map((p) => (
              <li key={p.productId} className="pin card">
                <Thumb title={p.title} imageUrl={p.imageUrl} />
                <Link to={`/products/${p.productId}`} className="pin-title">
                  {p.title}
                </Link>
                <div className="row">
                  <Money fen={p.minPriceFen} />
                  <span className="hint" aria-live="polite">
                    {p.totalStock > 0 ? t('buyer.stock.left', { n: p.totalStock }) : t('buyer.stock.soldOut')}
                  </span>
                </div>
                <Button
                  onClick={() => setBuying(p.productId)}
                  disabled={over || p.totalStock <= 0 || p.productState !== 'listed'}
                  aria-label={t('buyer.live.buyNamed', { title: p.title })}
                >
                  {t('buyer.live.buy')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Comments
        sessionId={session.id}
        comments={comments}
        onPosted={addComment}
        closed={session.state !== 'live'}
      />
      {buying !== undefined ? (
        <BuySheet
          productId={buying}
          liveSessionId={session.id}
          stock={stock}
          onClose={() => setBuying(undefined)}
        />
      ) : null}
    </div>
  );
}

function Comments({
  sessionId,
  comments,
  onPosted,
  closed,
}: {
  sessionId: number;
  comments: LiveComment[];
  onPosted(c: LiveComment): void;
  closed: boolean;
}) {
  const { t } = useI18n();
  const w = useWording();
  const api = useApi();
  const { account } = useSession();
  const [text, setText] = useState('');
  // The author's own held comments: only they see them, with the reason screening gave.
  const [held, setHeld] = useState<LiveComment[]>([]);
  // …kept across reloads: signed in, the feed also returns the reader's own held comments
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
  const post = useAction(async (body: string) =>
    unwrap(
      api.POST('/api/v1/live/sessions/{id}/comments', {
        params: { path: { id: sessionId } },
        body: { text: body },
      }),
    ),
  );
  const list = [...comments, ...held].sort((a, b) => a.id - b.id);
  const end = useRef<HTMLLIElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a comment arrives
  useEffect(() => {
    // the list scrolls, not the page: keep the newest comment in view inside the list
    const box = end.current?.parentElement;
    if (box) box.scrollTop = box.scrollHeight;
  }, [list.length]);
  return (
    <section aria-labelledby="comments-title" className="comments">
      <h2 id="comments-title">{t('buyer.live.comments')}</h2>
      <ol className="comment-list" aria-live="polite" aria-label={t('buyer.live.comments')}>
        {list.length === 0 ? <li className="empty">{t('buyer.live.noComments')}</li> : null}
        {list.map((c) => (
          <li key={c.id} className={`comment${c.state === 'hidden' ? ' comment-held' : ''}`}>
            <strong data-user-text>{c.author.displayName}</strong> <span data-user-text>{c.text}</span>
            {c.state === 'hidden' ? (
              <small className="field-error" role="note">
                {t('buyer.live.heldForYou', {
                  reason: c.hiddenReason ? holdReason(w, c.hiddenReason) : t('common.none'),
                })}
              </small>
            ) : null}
          </li>
        ))}
        <li ref={end} aria-hidden="true" className="comment-end" />
      </ol>
      {closed ? null : account ? (
        <Form
          className="comment-form"
          label={t('buyer.live.commentForm')}
          onSubmit={async () => {
            const body = text.trim();
            if (!body) return;
            const c = await post.run(body);
            if (!c) return;
            setText('');
            if (c.state === 'visible') onPosted(c);
            else setHeld((h) => [...h, c]);
          }}
        >
          <label htmlFor="comment-text" className="visually-hidden">
            {t('buyer.live.commentLabel')}
          </label>
          <input
            id="comment-text"
            value={text}
            maxLength={200}
            placeholder={t('buyer.live.commentPlaceholder')}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="submit" busy={post.busy}>
            {t('buyer.live.send')}
          </Button>
          <CommentError error={post.error} />
        </Form>
      ) : (
        <p className="hint">
          <Link to={`/login?next=/live/${sessionId}`}>{t('buyer.live.signInToComment')}</Link>
        </p>
      )}
    </section>
  );
}

function CommentError({ error }: { error: ApiError | undefined }) {
  return error ? (
    <div className="comment-error">
      <ErrorMessage error={error} />
    </div>
  ) : null;
}

/**
 * The room's HLS stream: phones play it natively; elsewhere hls.js (loaded only for a room with a
 * stream) feeds it to the video through Media Source Extensions.
 */
function LiveVideo({ url, label }: { url: string; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url;
      return;
    }
    let stop = () => {};
    let cancelled = false;
    void import('hls.js').then(({ default: Hls }) => {
      if (cancelled || !Hls.isSupported()) return;
      const hls = new Hls();
      hls.loadSource(url);
      hls.attachMedia(video);
      stop = () => hls.destroy();
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [url]);
  return (
    <video
      ref={ref}
      className="stream-video"
      data-stream={url}
      aria-label={label}
      controls
      autoPlay
      muted
      playsInline
    />
  );
}
