import { type Api, unwrap } from '../../api/client.ts';

/** A webhook endpoint as the server answers it (DESIGN19 "Routes"). */
export interface Endpoint {
  id: number;
  shopId: number | null;
  url: string;
  description: string;
  eventTypes: string[];
  state: 'enabled' | 'disabled';
  disabledReason: 'by_user' | 'failing' | null;
  createdAt: string;
  updatedAt: string;
  lastDeliveryAt: string | null;
  stats24h: { succeeded: number; failed: number; pending: number };
}

export type DeliveryState = 'pending' | 'delivering' | 'retrying' | 'succeeded' | 'failed';
export const DELIVERY_STATES: readonly DeliveryState[] = [
  'succeeded',
  'retrying',
  'failed',
  'pending',
  'delivering',
];

export interface Delivery {
  id: number;
  endpointId: number;
  eventId: string;
  eventType: string;
  resource: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  lastResponseExcerpt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  replayOf: number | null;
}

export interface Attempt {
  attempt: number;
  startedAt: string;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

export interface DeliveryDetail extends Delivery {
  payload: unknown;
  attempts: number;
  attemptList: Attempt[];
}

export interface Secret {
  secret: string;
  previousSecretExpiresAt: string | null;
}

export interface EventType {
  type: string;
  version: number;
  summary: string;
  resource: string;
  shopScoped: boolean;
}

export interface EndpointInput {
  url: string;
  description: string;
  eventTypes: string[];
}

export interface DeliveryQuery {
  state?: DeliveryState | undefined;
  eventType?: string | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}

/**
 * The webhook routes of one owner of endpoints: a shop (`/api/v1/shops/{id}/webhooks`) or the
 * platform (`/api/v1/ops/webhooks`); both answer the same shapes, so one set of pages serves both.
 */
export interface WebhooksApi {
  list(): Promise<Endpoint[]>;
  get(endpointId: number): Promise<Endpoint>;
  create(input: EndpointInput): Promise<Endpoint & { secret: string }>;
  update(endpointId: number, patch: Partial<EndpointInput> & { enabled?: boolean }): Promise<Endpoint>;
  remove(endpointId: number): Promise<void>;
  secret(endpointId: number): Promise<Secret>;
  rotateSecret(endpointId: number): Promise<Secret>;
  sendTest(endpointId: number): Promise<Delivery>;
  deliveries(
    endpointId: number,
    query: DeliveryQuery,
  ): Promise<{ items: Delivery[]; nextBefore: number | null }>;
  delivery(endpointId: number, deliveryId: number): Promise<DeliveryDetail>;
  replay(endpointId: number, deliveryId: number): Promise<Delivery>;
  eventTypes(): Promise<EventType[]>;
}

type Init = { params?: { path?: Record<string, number>; query?: Record<string, unknown> }; body?: unknown };
type Call = (path: string, init?: Init) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
/** The client without its path table: the two owners' paths differ only in their prefix. */
interface ByPath {
  GET: Call;
  POST: Call;
  PATCH: Call;
  DELETE: Call;
}

/** The server's delivery detail (`attempts` the list of attempts) in the console's shape. */
function detailOf(raw: Delivery & { payload: unknown; attempts: Attempt[] | number }): DeliveryDetail {
  const list = Array.isArray(raw.attempts) ? raw.attempts : [];
  return { ...raw, attempts: Array.isArray(raw.attempts) ? list.length : raw.attempts, attemptList: list };
}

function webhooksApi(api: Api, prefix: string, owner: Record<string, number>): WebhooksApi {
  const client = api as unknown as ByPath;
  const path = (extra: Record<string, number> = {}) => ({ path: { ...owner, ...extra } });
  const one = (endpointId: number) => path({ endpointId });
  const at = `${prefix}/{endpointId}`;
  const call = <T>(outcome: ReturnType<Call>) => unwrap(outcome) as Promise<T>;
  return {
    list: () => call<{ items: Endpoint[] }>(client.GET(prefix, { params: path() })).then((r) => r.items),
    get: (endpointId) => call(client.GET(at, { params: one(endpointId) })),
    create: (input) => call(client.POST(prefix, { params: path(), body: input })),
    update: (endpointId, patch) => call(client.PATCH(at, { params: one(endpointId), body: patch })),
    remove: async (endpointId) => {
      await unwrap(client.DELETE(at, { params: one(endpointId) }));
    },
    secret: (endpointId) => call(client.GET(`${at}/secret`, { params: one(endpointId) })),
    rotateSecret: (endpointId) => call(client.POST(`${at}/rotate-secret`, { params: one(endpointId) })),
    sendTest: (endpointId) => call(client.POST(`${at}/test`, { params: one(endpointId) })),
    deliveries: (endpointId, query) =>
      call(
        client.GET(`${at}/deliveries`, {
          params: {
            ...one(endpointId),
            query: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')),
          },
        }),
      ),
    delivery: (endpointId, deliveryId) =>
      call<Delivery & { payload: unknown; attempts: Attempt[] }>(
        client.GET(`${at}/deliveries/{deliveryId}`, { params: path({ endpointId, deliveryId }) }),
      ).then(detailOf),
    replay: (endpointId, deliveryId) =>
      call(client.POST(`${at}/deliveries/{deliveryId}/replay`, { params: path({ endpointId, deliveryId }) })),
    eventTypes: () =>
      call<{ items: EventType[] }>(client.GET('/api/v1/webhooks/event-types')).then((r) => r.items),
  };
}

export function shopWebhooksApi(api: Api, shopId: number): WebhooksApi {
  return webhooksApi(api, '/api/v1/shops/{id}/webhooks', { id: shopId });
}

export function opsWebhooksApi(api: Api): WebhooksApi {
  return webhooksApi(api, '/api/v1/ops/webhooks', {});
}

/** A delivery whose outcome is still to come (the log polls while one is shown). */
export function isOpen(state: DeliveryState): boolean {
  return state === 'pending' || state === 'delivering' || state === 'retrying';
}
