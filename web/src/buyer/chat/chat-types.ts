import type { paths } from '../../api/client.ts';

export type Conversation =
  paths['/api/v1/chat/conversations/{id}']['get']['responses'][200]['content']['application/json'];
export type ChatMessage =
  paths['/api/v1/chat/conversations/{id}/messages']['get']['responses'][200]['content']['application/json']['items'][number];
export type ChatCard = NonNullable<Conversation['context']>;
export type ConversationSummary =
  paths['/api/v1/chat/conversations']['get']['responses'][200]['content']['application/json']['items'][number];

/** Adds messages to a list kept in id order, each once (the stream and a reload may both bring one). */
export function mergeMessages(list: readonly ChatMessage[], more: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
