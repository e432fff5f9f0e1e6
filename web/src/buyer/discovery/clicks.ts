import type { Api } from '../../api/client.ts';

/**
 * Reports that the buyer opened the item at `position` of the ranked response `requestId` (product
 * rules §7.4: click-through and conversion per position). Fire and forget: opening never waits for it.
 */
export function reportClick(api: Api, requestId: string, position: number): void {
  void api.POST('/api/v1/discovery/clicks', { body: { requestId, position } }).catch(() => undefined);
}
