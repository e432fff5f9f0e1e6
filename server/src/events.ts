import type { EventDefinition } from './platform/outbox.ts';

/**
 * Composition root of the event catalog: every business event type of every module, as webhooks
 * deliver it and the OpenAPI document's `webhooks` section lists it (docs/webhooks.md). Modules
 * declare theirs in `<module>.events.ts` and export them from their index.ts; this list is the whole
 * catalog, in the order the console shows it.
 */
export function eventCatalog(): readonly EventDefinition[] {
  return [];
}
