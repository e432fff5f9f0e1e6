import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { Database } from '../../database.ts';
import { type Clock, DAY } from '../../platform/clock.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { endpointTransitions } from './endpoint.machine.ts';
import {
  type CatalogType,
  eventTypeProblems,
  type FieldProblem,
  newSecret,
  previousSecretExpiry,
  urlProblem,
} from './endpoint-input.rule.ts';
import { MAX_ENDPOINTS } from './webhooks.schema.ts';
import type { EndpointDisabledReason, EndpointState, WebhookEndpointsTable } from './webhooks.tables.ts';

/** Whose endpoints: a shop's (its id), or the platform's (null: ops). */
export type EndpointOwner = number | null;

export interface Endpoint {
  id: number;
  shopId: number | null;
  url: string;
  description: string;
  eventTypes: string[];
  state: EndpointState;
  disabledReason: EndpointDisabledReason | null;
  createdAt: Date;
  updatedAt: Date;
  /** When a delivery to it last succeeded. */
  lastDeliveryAt: Date | null;
  /**
   * Deliveries created in the last 24 hours: succeeded; failed (the last attempt failed: retrying, or
   * given up); pending (not attempted yet, or being attempted).
   */
  stats24h: { succeeded: number; failed: number; pending: number };
}

export interface EndpointInput {
  url: string;
  description?: string;
  eventTypes: string[];
}

export interface EndpointPatch {
  url?: string;
  description?: string;
  eventTypes?: string[];
  enabled?: boolean;
}

export interface SecretView {
  secret: string;
  previousSecretExpiresAt: Date | null;
}

/**
 * What the endpoints service needs: the database, the clock, the event catalog, the http switch and
 * the private-networks switch.
 */
export interface EndpointsDeps {
  db: Executor;
  clock: Clock;
  catalog: readonly CatalogType[];
  allowHttp: boolean;
  allowPrivateNetworks: boolean;
}

type EndpointRow = Selectable<WebhookEndpointsTable>;
type Eb = ExpressionBuilder<Database, 'webhookEndpoints'>;

const columns = [
  'id',
  'shopId',
  'url',
  'description',
  'eventTypes',
  'state',
  'disabledReason',
  'createdAt',
  'updatedAt',
] as const;

/** Rows of this owner: a shop's endpoints, or the platform's (shop_id null); deleted ones are gone. */
export function ownedBy(owner: EndpointOwner) {
  return (eb: Eb) =>
    eb.and([
      owner === null ? eb('webhookEndpoints.shopId', 'is', null) : eb('webhookEndpoints.shopId', '=', owner),
      eb('webhookEndpoints.deletedAt', 'is', null),
    ]);
}

function fail(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
    fields: problems,
  });
}

/** The input's problems, each naming its field: a URL that may not receive events, unknown types. */
function inputProblems(
  deps: EndpointsDeps,
  owner: EndpointOwner,
  input: { url?: string; eventTypes?: readonly string[] },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.url !== undefined) {
    const reason = urlProblem(input.url.trim(), {
      allowHttp: deps.allowHttp,
      allowPrivateNetworks: deps.allowPrivateNetworks,
    });
    if (reason) problems.push({ field: 'url', reason });
  }
  if (input.eventTypes !== undefined)
    problems.push(...eventTypeProblems(input.eventTypes, deps.catalog, owner === null ? 'platform' : 'shop'));
  return problems;
}

/** The endpoints of an owner with their last delivery and last-24-hours counts, newest first. */
async function views(deps: EndpointsDeps, owner: EndpointOwner, id?: number): Promise<Endpoint[]> {
  const since = new Date(deps.clock.now().getTime() - DAY);
  const count = (eb: Eb, states: readonly string[], as: string) =>
    eb
      .selectFrom('webhookDeliveries as d')
      .select(sql<number>`count(*)::int`.as('n'))
      .whereRef('d.endpointId', '=', 'webhookEndpoints.id')
      .where('d.createdAt', '>=', since)
      .where('d.state', 'in', states as never)
      .as(as);
  let query = deps.db
    .selectFrom('webhookEndpoints')
    .select(columns)
    .select((eb) => [
      eb
        .selectFrom('webhookDeliveries as d')
        .select('d.deliveredAt')
        .whereRef('d.endpointId', '=', 'webhookEndpoints.id')
        .where('d.deliveredAt', 'is not', null)
        .orderBy('d.id', 'desc')
        .limit(1)
        .as('lastDeliveryAt'),
      count(eb, ['succeeded'], 'succeeded'),
      count(eb, ['retrying', 'failed'], 'failed'),
      count(eb, ['pending', 'delivering'], 'pending'),
    ])
    .where(ownedBy(owner))
    .orderBy('id', 'desc');
  if (id !== undefined) query = query.where('id', '=', id);
  const rows = await query.execute();
  return rows.map(({ succeeded, failed, pending, lastDeliveryAt, ...row }) => ({
    ...row,
    lastDeliveryAt: lastDeliveryAt ?? null,
    stats24h: { succeeded: succeeded ?? 0, failed: failed ?? 0, pending: pending ?? 0 },
  }));
}

export async function listEndpoints(deps: EndpointsDeps, owner: EndpointOwner): Promise<Endpoint[]> {
  return views(deps, owner);
}

export async function getEndpoint(deps: EndpointsDeps, owner: EndpointOwner, id: number): Promise<Endpoint> {
  const [view] = await views(deps, owner, id);
  if (!view) throw notFound('webhook endpoint', id);
  return view;
}

/** The owner's endpoint, locked for the caller's change (404 when it is another's or deleted). */
export async function lockEndpoint(tx: Tx, owner: EndpointOwner, id: number): Promise<EndpointRow> {
  const row = await tx
    .selectFrom('webhookEndpoints')
    .selectAll()
    .where('id', '=', id)
    .where(ownedBy(owner))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('webhook endpoint', id);
  return row;
}

/** One owner's endpoints are created one at a time (the limit holds under concurrent requests). */
async function lockOwner(tx: Tx, owner: EndpointOwner): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('xinren.webhooks.endpoints', ${owner ?? 0}))`.execute(
    tx,
  );
}

/** Registers an endpoint (enabled, with a new secret); the answer carries the secret. */
export async function createEndpoint(
  deps: EndpointsDeps,
  owner: EndpointOwner,
  createdBy: number,
  input: EndpointInput,
): Promise<Endpoint & { secret: string }> {
  fail(inputProblems(deps, owner, input));
  const { id, secret } = await deps.db.transaction().execute(async (tx) => {
    await lockOwner(tx, owner);
    const { n } = await tx
      .selectFrom('webhookEndpoints')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(ownedBy(owner))
      .executeTakeFirstOrThrow();
    if (n >= MAX_ENDPOINTS) {
      throw new AppError(
        'conflict',
        `at most ${MAX_ENDPOINTS} webhook endpoints`,
        { limit: MAX_ENDPOINTS },
        { key: 'webhook_endpoint_limit', params: { limit: MAX_ENDPOINTS } },
      );
    }
    const now = deps.clock.now();
    return tx
      .insertInto('webhookEndpoints')
      .values({
        shopId: owner,
        url: input.url.trim(),
        description: input.description?.trim() ?? '',
        eventTypes: input.eventTypes,
        state: 'enabled',
        disabledReason: null,
        secret: newSecret(),
        createdBy,
        createdAt: now,
        updatedAt: now,
      })
      .returning(['id', 'secret'])
      .executeTakeFirstOrThrow();
  });
  return { ...(await getEndpoint(deps, owner, id)), secret };
}

/**
 * Changes an endpoint's URL, note or filter, and turns it off (`enabled: false`, reason by_user) or on
 * (also after it was disabled as failing) through its machine, in one transaction.
 */
export async function updateEndpoint(
  deps: EndpointsDeps,
  owner: EndpointOwner,
  id: number,
  patch: EndpointPatch,
): Promise<Endpoint> {
  fail(inputProblems(deps, owner, patch));
  await deps.db.transaction().execute(async (tx) => {
    const row = await lockEndpoint(tx, owner, id);
    const set = {
      ...(patch.url !== undefined ? { url: patch.url.trim() } : {}),
      ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
      ...(patch.eventTypes !== undefined ? { eventTypes: patch.eventTypes } : {}),
      updatedAt: deps.clock.now(),
    };
    const to: EndpointState | null =
      patch.enabled === undefined ? null : patch.enabled ? 'enabled' : 'disabled';
    if (to !== null && to !== row.state) {
      await transitionRow(tx, 'webhookEndpoints', {
        machine: endpointTransitions,
        what: `webhook endpoint ${id}`,
        key: { id },
        from: row.state,
        to,
        set: { ...set, disabledReason: to === 'disabled' ? 'by_user' : null },
      });
    } else {
      await tx.updateTable('webhookEndpoints').set(set).where('id', '=', id).execute();
    }
  });
  return getEndpoint(deps, owner, id);
}

/** Deletes an endpoint: it gets no new deliveries; its log stays in the database. */
export async function deleteEndpoint(deps: EndpointsDeps, owner: EndpointOwner, id: number): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await lockEndpoint(tx, owner, id);
    const now = deps.clock.now();
    await tx
      .updateTable('webhookEndpoints')
      .set({ deletedAt: now, updatedAt: now })
      .where('id', '=', id)
      .execute();
  });
}

const secretView = (row: Pick<EndpointRow, 'secret' | 'previousSecretExpiresAt'>, now: Date): SecretView => ({
  secret: row.secret,
  previousSecretExpiresAt:
    row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null,
});

export async function getSecret(deps: EndpointsDeps, owner: EndpointOwner, id: number): Promise<SecretView> {
  const row = await deps.db
    .selectFrom('webhookEndpoints')
    .select(['secret', 'previousSecretExpiresAt'])
    .where('id', '=', id)
    .where(ownedBy(owner))
    .executeTakeFirst();
  if (!row) throw notFound('webhook endpoint', id);
  return secretView(row, deps.clock.now());
}

/**
 * A new secret; the current one becomes the previous one and signs too for 24 hours, so the receiver
 * can switch over (a second rotation in that time drops the oldest).
 */
export async function rotateSecret(
  deps: EndpointsDeps,
  owner: EndpointOwner,
  id: number,
): Promise<SecretView> {
  return deps.db.transaction().execute(async (tx) => {
    const row = await lockEndpoint(tx, owner, id);
    const now = deps.clock.now();
    const rotated = await tx
      .updateTable('webhookEndpoints')
      .set({
        secret: newSecret(),
        previousSecret: row.secret,
        previousSecretExpiresAt: previousSecretExpiry(now),
        updatedAt: now,
      })
      .where('id', '=', id)
      .returning(['secret', 'previousSecretExpiresAt'])
      .executeTakeFirstOrThrow();
    return secretView(rotated, now);
  });
}
