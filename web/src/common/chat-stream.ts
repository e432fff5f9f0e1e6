import { useEffect, useRef, useState } from 'react';
import type { paths } from '../api/client.ts';
import { useApi } from './session.tsx';

/** One message of the chat streams (GET /api/v1/chat/stream and /shops/{id}/chat/stream). */
export type ChatStreamEvent =
  paths['/api/v1/chat/stream']['get']['responses'][200]['content']['text/event-stream'];
export type ChatMessageView = Extract<ChatStreamEvent, { event: 'message' }>['data']['message'];

/** `connecting` until the first snapshot; `live` while the stream is up; `reconnecting` after a drop. */
export type ChatConnection = 'connecting' | 'live' | 'reconnecting';

const MAX_RETRY_MS = 30_000;

/**
 * The chat's realtime updates: server-sent events read with fetch (an EventSource cannot send the
 * sign-in token), for the buyer (`{ buyer: true }`) or one shop's agents (`{ shopId }`). Reconnects
 * with a growing delay after a drop; each (re)connection starts with a `snapshot`, so a screen that
 * missed events reloads what it shows on it. Closed on unmount.
 */
export function useChatStream(
  source: { buyer: true } | { shopId: number } | undefined,
  onEvent: (event: ChatStreamEvent) => void,
): ChatConnection {
  const api = useApi();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [state, setState] = useState<ChatConnection>('connecting');
  const key = source === undefined ? '' : 'buyer' in source ? 'buyer' : `shop:${source.shopId}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key names the source
  useEffect(() => {
    if (!source) return;
    const abort = new AbortController();
    let retryMs = 1_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = async () => {
      try {
        const res =
          'buyer' in source
            ? await api.GET('/api/v1/chat/stream', { parseAs: 'stream', signal: abort.signal })
            : await api.GET('/api/v1/shops/{id}/chat/stream', {
                params: { path: { id: source.shopId } },
                parseAs: 'stream',
                signal: abort.signal,
              });
        const body = res.response.ok
          ? (res.data as unknown as ReadableStream<Uint8Array> | undefined)
          : undefined;
        if (body) {
          const reader = body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            let cut = buffer.indexOf('\n\n');
            while (cut >= 0) {
              const event = parseBlock(buffer.slice(0, cut));
              buffer = buffer.slice(cut + 2);
              cut = buffer.indexOf('\n\n');
              if (!event) continue;
              if (event.event === 'snapshot') {
                retryMs = 1_000;
                setState('live');
              }
              handler.current(event);
            }
          }
        }
      } catch {
        // dropped or refused: retried below
      }
      if (abort.signal.aborted) return;
      setState('reconnecting');
      timer = setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    };
    setState('connecting');
    void connect();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [api, key]);
  return state;
}

/** One server-sent event block (`event:` and `data:` lines) as a chat event; undefined for a comment or junk. */
export function parseBlock(block: string): ChatStreamEvent | undefined {
  let event = '';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  if (!event || !data) return undefined;
  try {
    return { event, data: JSON.parse(data) } as ChatStreamEvent;
  } catch {
    return undefined;
  }
}
