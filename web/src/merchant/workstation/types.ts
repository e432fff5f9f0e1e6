import type { paths } from '../../api/client.ts';

type Json<P extends keyof paths, M extends 'get'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type InboxItem = Json<'/api/v1/shops/{id}/chat/inbox', 'get'>['items'][number];
export type ChatAgent = Json<'/api/v1/shops/{id}/chat/agents', 'get'>['items'][number];
export type CannedReply = Json<'/api/v1/shops/{id}/chat/canned-replies', 'get'>['items'][number];
export type CustomerPanelData = Json<'/api/v1/chat/conversations/{id}/customer', 'get'>;
export type ConversationHead = Json<'/api/v1/chat/conversations/{id}', 'get'>;
export type WsMessage = Json<'/api/v1/chat/conversations/{id}/messages', 'get'>['items'][number];
export type InboxTab = 'waiting' | 'mine' | 'all';

/** Adds messages to a list kept in id order, each once (the stream and a reload may both bring one). */
export function mergeById(list: readonly WsMessage[], more: readonly WsMessage[]): WsMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** A waiting time in whole units (12 秒, 3 分 5 秒, 1 小时 4 分). */
export function durationParts(ms: number): {
  key: 'seconds' | 'minutes' | 'hours';
  h: number;
  m: number;
  s: number;
} {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return { key: h > 0 ? 'hours' : m > 0 ? 'minutes' : 'seconds', h, m, s };
}
