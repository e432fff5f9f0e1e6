import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { Clock } from './clock.ts';
import { type Db, type Executor, ping } from './db.ts';
import type { App } from './http.ts';
import {
  collectProcessMetrics,
  deadlinesBacklog,
  deadlinesLagSeconds,
  httpRequestSeconds,
  metricsDatabaseUp,
  metricsRegistry,
  outboxBacklog,
  webhookDeliveriesFailing,
} from './metrics.ts';
import { migrationsDir } from './migrate.ts';

export interface ObservabilityOptions {
  db: Db;
  clock: Clock;
  /** When set, /metrics answers only `Authorization: Bearer <token>` (XINREN_METRICS_TOKEN). */
  metricsToken: string | undefined;
  /** Webhook deliveries in state `retrying` (the webhooks module's count), read at each scrape. */
  webhookDeliveriesFailing?: (db: Executor) => Promise<number>;
  /** The database reads of a scrape or a readiness probe give up after this long (default 2 s). */
  timeoutMs?: number;
}

/** Counts stop here: a scrape stays cheap however large a backlog grows. */
const COUNT_CAP = 100_000;

/**
 * Operators' endpoints (docs/observability.md): `/metrics` (Prometheus text), `/health/live` (the
 * process answers) and `/health/ready` (database reachable, migrations applied, not shutting down);
 * and the request-latency histogram, recorded for every answered request by its route pattern.
 */
export async function observability(app: App, options: ObservabilityOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 2_000;

  app.addHook('onResponse', (request, reply, done) => {
    httpRequestSeconds.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
    done();
  });

  // Once the app starts closing (stop, SIGTERM), Fastify answers every request 503, this one included:
  // a balancer's readiness probe sees the process leave before its listener goes.
  const latestMigration = newestMigration();
  let migrated = false;
  const migrationsApplied = async (): Promise<boolean> => {
    if (migrated || latestMigration === undefined) return true;
    const row = await sql<{ applied: boolean }>`select exists (
        select 1 from schema_migrations where name = ${latestMigration}) as applied`.execute(options.db);
    migrated = row.rows[0]?.applied === true;
    return migrated;
  };

  app.get(
    '/health/live',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Liveness: the process answers (no database read)',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  const Readiness = Type.Object({
    status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
    database: Type.Union([Type.Literal('up'), Type.Literal('down')]),
    migrations: Type.Union([Type.Literal('applied'), Type.Literal('pending'), Type.Literal('unknown')]),
  });
  app.get(
    '/health/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Readiness: database reachable, migrations applied (503 otherwise, and while stopping)',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const up = await withTimeout(ping(options.db), timeoutMs).catch(() => false);
      const applied = up
        ? await withTimeout(migrationsApplied(), timeoutMs).catch(() => undefined)
        : undefined;
      const ready = up && applied === true;
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        database: up ? 'up' : 'down',
        migrations: applied === undefined ? 'unknown' : applied ? 'applied' : 'pending',
      });
    },
  );

  let collecting: Promise<void> | undefined;
  const collect = () => {
    collecting ??= withTimeout(collectDatabaseGauges(options), timeoutMs)
      .then(
        () => metricsDatabaseUp.set(1),
        (err: unknown) => {
          metricsDatabaseUp.set(0);
          app.log.warn({ err }, 'metrics: the database gauges could not be read');
        },
      )
      .finally(() => {
        collecting = undefined;
      });
    return collecting;
  };

  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (
      options.metricsToken !== undefined &&
      !bearerMatches(request.headers.authorization, options.metricsToken)
    ) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({
          error: { code: 'unauthenticated', message: 'This /metrics needs its bearer token', details: {} },
        });
    }
    collectProcessMetrics();
    await collect();
    return reply.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
}

/** The scrape's database reads, in one transaction whose statements time out (never a slow scrape). */
async function collectDatabaseGauges(options: ObservabilityOptions): Promise<void> {
  const now = options.clock.now();
  const timeout = options.timeoutMs ?? 2_000;
  const read = await options.db.transaction().execute(async (tx) => {
    await sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(timeout))}`).execute(tx);
    const { rows } = await sql<{ backlog: number; oldest: Date | null; outbox: number }>`select
        (select count(*) from (select 1 from deadlines
          where status = 'pending' and due_at <= ${now} limit ${COUNT_CAP}) due)::int as backlog,
        (select min(due_at) from deadlines where status = 'pending' and due_at <= ${now}) as oldest,
        (select count(*) from (select 1 from outbox_events
          where dispatched_at is null limit ${COUNT_CAP}) undispatched)::int as outbox`.execute(tx);
    const failing = options.webhookDeliveriesFailing ? await options.webhookDeliveriesFailing(tx) : 0;
    return { ...rows[0]!, failing };
  });
  deadlinesBacklog.set(read.backlog);
  deadlinesLagSeconds.set(read.oldest ? Math.max(0, (now.getTime() - read.oldest.getTime()) / 1000) : 0);
  outboxBacklog.set(read.outbox);
  webhookDeliveriesFailing.set(read.failing);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The last migration file this code ships (readiness waits until the database has it). */
function newestMigration(): string | undefined {
  try {
    return fs
      .readdirSync(migrationsDir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .at(-1);
  } catch {
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
