import { type Api, type paths, unwrap } from '../../api/client.ts';

type Shop = '/api/v1/shops/{id}/webhooks';
/** The JSON answer of a route's method (the shop's routes; the platform's answer the same shapes). */
type Answer<P extends keyof paths, M extends 'get' | 'post' | 'patch'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : R extends { 202: { content: { 'application/json': infer B } } }
        ? B
        : never
  : never;

/** A webhook endpoint as the server answers it. */
export type Endpoint = Answer<`${Shop}/{endpointId}`, 'get'>;
export type Delivery = Answer<`${Shop}/{endpointId}/deliveries`, 'get'>['items'][number];
export type DeliveryState = Delivery['state'];
export const DELIVERY_STATES: readonly DeliveryState[] = [
  'succeeded',
  'retrying',
  'failed',
  'pending',
  'delivering',
];
type RawDetail = Answer<`${Shop}/{endpointId}/deliveries/{deliveryId}`, 'get'>;
export type Attempt = RawDetail['attempts'][number];

/** A delivery with its payload; `attempts` the count as in the log, `attemptList` each attempt. */
export interface DeliveryDetail extends Delivery {
  payload: RawDetail['payload'];
  attemptList: Attempt[];
}

export type Secret = Answer<`${Shop}/{endpointId}/secret`, 'get'>;
export type EventType = Answer<'/api/v1/webhooks/event-types', 'get'>['items'][number];
type Created = Answer<Shop, 'post'>;

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
  create(input: EndpointInput): Promise<Created>;
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
function detailOf(raw: RawDetail): DeliveryDetail {
  return { ...raw, attempts: raw.attempts.length, attemptList: raw.attempts };
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
      call<RawDetail>(
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
