import { useEffect, useMemo, useRef, useState } from 'react';

// Countdowns every viewer sees at the same moment: a response carries the server's time (`serverNow`);
// the device's clock is only used to measure time passing since then, so a phone whose clock is minutes
// off still shows the same seconds left as everyone else.

/** Milliseconds to add to this device's clock to get the server's, from a response's `serverNow`. */
export function clockOffset(serverNow: string | Date, receivedAt: number = Date.now()): number {
  const server = new Date(serverNow).getTime();
  return Number.isNaN(server) ? 0 : server - receivedAt;
}

/** The server-clock offset of the latest `serverNow` seen (0 until one arrives). */
export function useServerOffset(serverNow: string | undefined): number {
  return useMemo(() => (serverNow ? clockOffset(serverNow) : 0), [serverNow]);
}

/** The server's time now (ms), ticking every `everyMs`. */
export function useServerNow(offsetMs: number, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const timer = setInterval(() => setNow(Date.now() + offsetMs), everyMs);
    return () => clearInterval(timer);
  }, [offsetMs, everyMs]);
  return now;
}

export interface CountdownParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** Whole seconds left, 0 once the target has passed. */
  totalSeconds: number;
}

/** Splits the time left (ms; negative counts as 0) into days, hours, minutes and seconds. */
export function countdownParts(ms: number): CountdownParts {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  return {
    days: Math.floor(totalSeconds / 86_400),
    hours: Math.floor((totalSeconds % 86_400) / 3600),
    minutes: Math.floor((totalSeconds % 3600) / 60),
    seconds: totalSeconds % 60,
    totalSeconds,
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "HH:MM:SS" (hours past a day keep counting: "26:00:00"), the way flash-sale clocks read. */
export function formatCountdown(ms: number): string {
  const p = countdownParts(ms);
  return `${two(p.days * 24 + p.hours)}:${two(p.minutes)}:${two(p.seconds)}`;
}

export interface CountdownState {
  /** Milliseconds left by the server's clock (≤ 0 once passed). */
  ms: number;
  done: boolean;
  /** "HH:MM:SS" */
  text: string;
}

/**
 * Time left until `target` (ISO) by the server's clock given by `serverNow` (the response that carried
 * the target). `onDone` runs once when it reaches zero (e.g. to reload the list).
 */
export function useCountdown(
  target: string | undefined,
  serverNow: string | undefined,
  onDone?: () => void,
): CountdownState {
  const offset = useServerOffset(serverNow);
  const now = useServerNow(offset);
  const ms = target ? new Date(target).getTime() - now : 0;
  const done = ms <= 0;
  const fired = useRef<string | undefined>(undefined);
  const callback = useRef(onDone);
  callback.current = onDone;
  useEffect(() => {
    if (done && target && fired.current !== target) {
      fired.current = target;
      callback.current?.();
    }
  }, [done, target]);
  return { ms, done, text: formatCountdown(ms) };
}

/** A ticking "HH:MM:SS" until `until`, by the server's clock (see `useCountdown`). */
export function CountdownClock({
  until,
  serverNow,
  onDone,
  className,
}: {
  until: string;
  serverNow: string | undefined;
  onDone?: () => void;
  className?: string;
}) {
  const { text } = useCountdown(until, serverNow, onDone);
  return (
    <span className={`countdown-clock${className ? ` ${className}` : ''}`} role="timer">
      {text}
    </span>
  );
}
