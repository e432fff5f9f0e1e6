import type { paths } from '../../api/client.ts';

/** A shop's score as GET /shops/:id/reputation answers it. */
export type Reputation =
  paths['/api/v1/shops/{id}/reputation']['get']['responses']['200']['content']['application/json'];
export type ReputationHistory =
  paths['/api/v1/shops/{id}/reputation/history']['get']['responses']['200']['content']['application/json'];
export type MetricCode = Reputation['metrics'][number]['metric'];
export type Band = Reputation['band'];
export type Drag = Reputation['drags'][number];
