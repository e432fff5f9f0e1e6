import { useEffect, useRef } from 'react';

/**
 * The room's HLS stream: phones play it natively; elsewhere hls.js (loaded only for a room with a
 * stream) feeds it to the video through Media Source Extensions.
 */
export function LiveVideo({ url, label }: { url: string; label: string }) {
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
  // full screen like the apps: no player chrome over the room's own controls
  return (
    <video
      ref={ref}
      className="lr-video"
      data-stream={url}
      aria-label={label}
      autoPlay
      muted
      playsInline
      loop={false}
    />
  );
}
