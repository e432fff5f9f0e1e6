import type { Static } from '@sinclair/typebox';
import type { TestContext } from '../../../test/harness.ts';
import { api } from '../../../test/harness.ts';
import type { ChatStreamSchema } from './chat-stream.schema.ts';

/** A chat stream event as received (dates as ISO strings). */
export type ChatStreamEvent = Static<typeof ChatStreamSchema>;

/**
 * A chat stream (`/api/v1/chat/stream` or `/api/v1/shops/:id/chat/stream`) read with fetch, as the
 * web app does: `until(name, pred)` waits for a matching event, `seen(name, pred)` asks what came.
 */
export async function openChatStream(base: string, path: string, token: string) {
  const abort = new AbortController();
  const res = await fetch(`${base}${path}`, {
    signal: abort.signal,
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`stream ${path}: ${res.status} ${await res.text()}`);
  const events: ChatStreamEvent[] = [];
  let wake: (() => void) | undefined;
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          let event = '';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (event && data) events.push({ event, data: JSON.parse(data) } as ChatStreamEvent);
          wake?.();
        }
      }
    } catch {
      // aborted
    }
  })();
  type Named<N extends ChatStreamEvent['event']> = Extract<ChatStreamEvent, { event: N }>;
  const find = <N extends ChatStreamEvent['event']>(
    name: N,
    pred: (d: Named<N>['data']) => boolean,
  ): Named<N> | undefined =>
    events.find((e) => e.event === name && (pred as (d: unknown) => boolean)(e.data)) as Named<N> | undefined;
  return {
    events,
    seen: find,
    async until<N extends ChatStreamEvent['event']>(
      name: N,
      pred: (d: Named<N>['data']) => boolean = () => true,
      timeoutMs = 10_000,
    ): Promise<Named<N>['data']> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = find(name, pred);
        if (hit) return hit.data as Named<N>['data'];
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${name} within ${timeoutMs} ms: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.min(left, 100));
        });
      }
    },
    close: () => abort.abort(),
  };
}

/** Opens (or reuses) the buyer's conversation with the shop through the API; returns its id. */
export async function openConversationAs(
  ctx: TestContext,
  token: string,
  shopId: number,
  context?: { type: 'product' | 'live' | 'order'; id: number },
): Promise<number> {
  const res = await api(ctx.app, token).post('/api/v1/chat/conversations', {
    shopId,
    ...(context ? { context } : {}),
  });
  if (res.status !== 200) throw new Error(`open conversation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
