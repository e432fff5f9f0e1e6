import type { paths } from '../../api/client.ts';

/** The shop's standing as GET /shops/:id/standing answers it. */
export type Standing =
  paths['/api/v1/shops/{id}/standing']['get']['responses']['200']['content']['application/json'];
export type Condition = Standing['badge']['conditions'][number];
export type BadgeEvent = Standing['badge']['history'][number];
