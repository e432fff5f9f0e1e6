import { aftersalesEvents } from './modules/aftersales/index.ts';
import { catalogEvents } from './modules/catalog/index.ts';
import { governanceEvents } from './modules/governance/index.ts';
import { liveEvents } from './modules/live/index.ts';
import { orderEvents } from './modules/orders/index.ts';
import { paymentEvents } from './modules/payments/index.ts';
import { promotionEvents } from './modules/promotions/index.ts';
import { settlementEvents } from './modules/settlement/index.ts';
import { webhookEvents } from './modules/webhooks/index.ts';
import type { EventDefinition } from './platform/outbox.ts';

/**
 * Composition root of the event catalog: every business event type of every module, as webhooks
 * deliver it and the OpenAPI document's `webhooks` section lists it (docs/webhooks.md). Modules
 * declare theirs in `<module>.events.ts` and export them from their index.ts; this list is the whole
 * catalog, in the order the console shows it. Most are written by triggers on the owning tables
 * (migrations 0109–0111); test/events.integration.test.ts drives each one and checks its payload here.
 */
export function eventCatalog(): readonly EventDefinition[] {
  return [
    ...orderEvents,
    ...paymentEvents,
    ...aftersalesEvents,
    ...settlementEvents,
    ...catalogEvents,
    ...governanceEvents,
    ...liveEvents,
    ...promotionEvents,
    ...webhookEvents,
  ];
}
