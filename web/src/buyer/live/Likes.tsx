import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';

const FLUSH_MS = 1200;
const HEART_MS = 1600;
const MAX_HEARTS = 24;
// the server takes 1–50 taps a request
const MAX_BATCH = 50;

/**
 * The like button: every tap floats a heart up at once; taps are sent together (one request per
 * moment of tapping, and whatever is left when the viewer leaves), never one request per tap.
 */
export function LikeButton({ onTap, send }: { onTap(): void; send(count: number): Promise<unknown> }) {
  const { t } = useI18n();
  const [hearts, setHearts] = useState<{ id: number; lane: number }[]>([]);
  const pending = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const sendRef = useRef(send);
  sendRef.current = send;
  const seq = useRef(0);

  const flush = () => {
    timer.current = undefined;
    const count = Math.min(MAX_BATCH, pending.current);
    pending.current -= count;
    if (count > 0) void sendRef.current(count).catch(() => undefined);
    if (pending.current > 0) timer.current = setTimeout(flush, FLUSH_MS);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: flush once, on leaving
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      flush();
    },
    [],
  );

  return (
    <>
      <button
        type="button"
        className="lr-round lr-like"
        aria-label={t('buyer.room.like')}
        onClick={() => {
          onTap();
          pending.current += 1;
          if (!timer.current) timer.current = setTimeout(flush, FLUSH_MS);
          const id = ++seq.current;
          setHearts((h) => [...h.slice(-MAX_HEARTS), { id, lane: id % 5 }]);
          setTimeout(() => setHearts((h) => h.filter((x) => x.id !== id)), HEART_MS);
        }}
      >
        <span aria-hidden="true">♥</span>
      </button>
      <div className="lr-hearts" aria-hidden="true">
        {hearts.map((h) => (
          <span key={h.id} className={`lr-heart lr-heart-${h.lane}`}>
            ♥
          </span>
        ))}
      </div>
    </>
  );
}
