import { type Api, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

export type Checkpoint = NonNullable<
  NonNullable<paths['/api/v1/ops/trust/cases']['get']['parameters']['query']>['checkpoint']
>;
export type TrustCase =
  paths['/api/v1/ops/trust/cases/{id}']['get']['responses']['200']['content']['application/json'];
export type Decision =
  paths['/api/v1/ops/trust/decisions']['get']['responses']['200']['content']['application/json']['items'][number];

export const CHECKPOINTS: Checkpoint[] = [
  'merchant_onboarding',
  'product_listing',
  'order_placement',
  'aftersales_request',
  'review',
  'live_comment',
  'live_title',
  'video_caption',
  'chat_message',
];

/** The content checkpoints (product rules §6): live comments and titles, reviews, video captions. */
export const CONTENT_CHECKPOINTS: Checkpoint[] = [
  'live_comment',
  'live_title',
  'review',
  'video_caption',
  'chat_message',
];

/** Cases of these checkpoints not resolved yet (open or assigned), oldest first. */
export async function unresolvedCases(api: Api, checkpoints: Checkpoint[], limit = 50): Promise<TrustCase[]> {
  const lists = await Promise.all(
    checkpoints.flatMap((checkpoint) =>
      (['open', 'assigned'] as const).map((state) =>
        unwrap(api.GET('/api/v1/ops/trust/cases', { params: { query: { checkpoint, state, limit } } })),
      ),
    ),
  );
  return lists.flatMap((l) => l.items).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
}

/** How many cases of these checkpoints wait for a reviewer (open or assigned). */
export async function countOpenCases(api: Api, checkpoints: Checkpoint[]): Promise<number> {
  const lists = await Promise.all(
    checkpoints.flatMap((checkpoint) =>
      (['open', 'assigned'] as const).map((state) =>
        unwrap(api.GET('/api/v1/ops/trust/cases', { params: { query: { checkpoint, state, limit: 1 } } })),
      ),
    ),
  );
  return lists.reduce((sum, l) => sum + l.total, 0);
}

/** Decisions of these checkpoints with this outcome, newest first. */
export async function decisionsOf(
  api: Api,
  checkpoints: Checkpoint[],
  outcome: 'allow' | 'review' | 'block',
  limit = 20,
): Promise<Decision[]> {
  const lists = await Promise.all(
    checkpoints.map((checkpoint) =>
      unwrap(
        api.GET('/api/v1/ops/trust/decisions', {
          params: { query: { checkpoint, outcome, shadow: false, limit } },
        }),
      ),
    ),
  );
  return lists
    .flatMap((l) => l.items)
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit);
}
