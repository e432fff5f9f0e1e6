import type { paths } from '../../api/client.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ChatSettings = Json<paths['/api/v1/shops/{id}/chat/settings']['get']['responses']['200']>;
export type KeywordReply = Json<
  paths['/api/v1/shops/{id}/chat/keyword-replies']['get']['responses']['200']
>['items'][number];
export type ChatMetrics = Json<paths['/api/v1/shops/{id}/chat/metrics']['get']['responses']['200']>;
export type OpsChatMetrics = Json<paths['/api/v1/ops/chat/metrics']['get']['responses']['200']>;
