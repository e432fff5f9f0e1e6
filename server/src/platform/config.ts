import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SLOW_REQUEST_MS, logFormatFromEnv } from './logging.ts';

/** Root of the checkout (the folder holding the workspace package.json). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Config {
  port: number;
  host: string;
  /** Embedded database and uploads live here. */
  dataDir: string;
  /** When set, the server uses this PostgreSQL and starts nothing embedded. */
  databaseUrl: string | undefined;
  /** Port of the embedded PostgreSQL (only without DATABASE_URL). */
  embeddedPgPort: number;
  logLevel: string;
  /** Seed demo data when the database is empty. */
  seedOnEmpty: boolean;
  /** The web apps' production build served at /, /merchant and /ops (unset: API only). */
  webDir: string | undefined;
  /** The platform's one time zone (IANA name): the web apps show and read every time in it. */
  timeZone: string;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), as Fastify's `trustProxy`:
   * unset, nothing (the socket's address is the client's); `true`, any; a number, that many hops; or
   * addresses and CIDR ranges separated by commas. Sign-in limits per address count by it.
   */
  trustProxy: boolean | number | string[];
  /** XINREN_WEBHOOKS_ALLOW_HTTP=on: webhook endpoints may be plain http anywhere (else only localhost). */
  webhooksAllowHttp: boolean;
  /**
   * XINREN_WEBHOOKS_PRIVATE_NETWORKS=allow: webhook endpoints may be in private networks (loopback,
   * 10/8, 172.16/12, 192.168/16, link-local with cloud metadata…); `deny` (default) refuses them when
   * registered and when a delivery resolves the host (docs/webhooks.md "Private networks").
   */
  webhooksAllowPrivateNetworks: boolean;
  /** XINREN_LOG_FORMAT: json, pretty, or auto (pretty when stdout is a terminal): platform/logging.ts. */
  logFormat: 'json' | 'pretty' | 'auto';
  /** XINREN_SLOW_REQUEST_MS (1000): a request slower than this is logged at info, others at debug. */
  slowRequestMs: number;
  /** XINREN_METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <token>`; else public. */
  metricsToken: string | undefined;
  /**
   * XINREN_ROLE (or `xinren start --role`): `api` serves requests and runs no background work;
   * `worker` fires deadlines, relays the outbox and delivers webhooks, serving only its probes and
   * /metrics; `all` (the default, what `npm start` runs) does both. Any number of each may run.
   */
  role: ProcessRole;
  /** NATS_URL: events between processes over NATS (JetStream for the outbox); unset: LISTEN/NOTIFY. */
  natsUrl: string | undefined;
  /** DATABASE_READ_URL: a streaming replica for read-only endpoints (unset: everything reads the primary). */
  databaseReadUrl: string | undefined;
  /**
   * DATABASE_SESSION_URL: a direct connection to the primary for session state (LISTEN, session
   * advisory locks, migrations) when DATABASE_URL goes through PgBouncer in transaction mode.
   * Unset: DATABASE_URL.
   */
  databaseSessionUrl: string | undefined;
}

export type ProcessRole = 'api' | 'worker' | 'all';

/** XINREN_ROLE: api, worker or all (default); anything else is a mistake. */
export function roleFromEnv(raw: string | undefined): ProcessRole {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return 'all';
  if (value === 'api' || value === 'worker' || value === 'all') return value;
  throw new Error(`XINREN_ROLE must be api, worker or all, got "${raw}"`);
}

/** The platform's time zone unless XINREN_TIME_ZONE names another. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The platform's time zone as configured for this process (for texts written once and kept). */
export function platformTimeZone(): string {
  return timeZoneFromEnv(process.env);
}

/** "2026-12-08 20:00 (UTC+8)": a moment on the platform's clock, for explanations kept as text. */
export function platformTimeText(at: Date, timeZone = platformTimeZone()): string {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'shortOffset',
  }).formatToParts(at))
    parts[p.type] = p.value;
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', 'UTC');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${offset})`;
}

function timeZoneFromEnv(env: NodeJS.ProcessEnv): string {
  const raw = env.XINREN_TIME_ZONE?.trim();
  if (!raw) return DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`XINREN_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, got "${raw}"`);
  }
}

function intFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be an integer port number, got "${raw}"`);
  }
  return value;
}

function positiveIntFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv('PORT', 3000, env),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.XINREN_DATA_DIR || path.join(projectRoot, '.xinren-data')),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: intFromEnv('XINREN_PG_PORT', 54329, env),
    logLevel: env.LOG_LEVEL || 'info',
    seedOnEmpty: env.XINREN_SEED !== 'off',
    webDir:
      env.XINREN_WEB_DIR === 'off'
        ? undefined
        : path.resolve(env.XINREN_WEB_DIR || path.join(projectRoot, 'web/dist')),
    timeZone: timeZoneFromEnv(env),
    trustProxy: trustProxyFromEnv(env.XINREN_TRUST_PROXY),
    webhooksAllowHttp: env.XINREN_WEBHOOKS_ALLOW_HTTP === 'on',
    webhooksAllowPrivateNetworks: privateNetworksFromEnv(env.XINREN_WEBHOOKS_PRIVATE_NETWORKS),
    logFormat: logFormatFromEnv(env.XINREN_LOG_FORMAT),
    slowRequestMs: positiveIntFromEnv('XINREN_SLOW_REQUEST_MS', DEFAULT_SLOW_REQUEST_MS, env),
    metricsToken: env.XINREN_METRICS_TOKEN?.trim() || undefined,
    role: roleFromEnv(env.XINREN_ROLE),
    natsUrl: env.NATS_URL?.trim() || undefined,
    databaseReadUrl: env.DATABASE_READ_URL?.trim() || undefined,
    databaseSessionUrl: env.DATABASE_SESSION_URL?.trim() || undefined,
  };
}

/** XINREN_WEBHOOKS_PRIVATE_NETWORKS: `deny` (default) or `allow`; anything else is a mistake. */
export function privateNetworksFromEnv(raw: string | undefined): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'deny') return false;
  if (value === 'allow') return true;
  throw new Error(`XINREN_WEBHOOKS_PRIVATE_NETWORKS must be deny or allow, got "${raw}"`);
}

/** XINREN_TRUST_PROXY: `true`, a hop count, or a comma-separated list of addresses / CIDR ranges. */
export function trustProxyFromEnv(raw: string | undefined): boolean | number | string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
