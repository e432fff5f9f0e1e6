import { randomBytes } from 'node:crypto';
import { isPrivateHost, PRIVATE_NETWORK_REASON } from './private-address.rule.ts';

/** A field problem of an endpoint's input: the field and why (the web words the reason). */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** Hosts a plain-http endpoint may name without XINREN_WEBHOOKS_ALLOW_HTTP (tests, development). */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a URL may not receive webhooks, or null: http(s) only, no user name or password in it (a secret
 * in a URL is shown in every console and log), no private network host (a literal private IP or
 * localhost) unless private networks are allowed (XINREN_WEBHOOKS_PRIVATE_NETWORKS=allow), https
 * unless the host is local or plain http is allowed (XINREN_WEBHOOKS_ALLOW_HTTP=on). Names resolving
 * to a private address are refused when a delivery connects (delivery/http-sender.ts).
 */
export function urlProblem(
  url: string,
  options: { allowHttp: boolean; allowPrivateNetworks: boolean },
): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an http or https address';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be an http or https address';
  if (parsed.hostname === '') return 'must be an http or https address';
  if (parsed.username !== '' || parsed.password !== '') return 'must not contain a user name or password';
  if (!options.allowPrivateNetworks && isPrivateHost(parsed.hostname)) return PRIVATE_NETWORK_REASON;
  if (parsed.protocol === 'http:' && !options.allowHttp && !LOCAL_HOSTS.has(parsed.hostname)) {
    return 'must use https';
  }
  return null;
}

/** What the event filter is checked against: a catalog type and whether shops may receive it. */
export interface CatalogType {
  type: string;
  shopScoped: boolean;
}

/**
 * Problems of an event filter: every type must be in the catalog; a shop's endpoint may only name
 * shop-scoped types (platform events reach only platform endpoints). One problem per bad type.
 */
export function eventTypeProblems(
  types: readonly string[],
  catalog: readonly CatalogType[],
  owner: 'shop' | 'platform',
): FieldProblem[] {
  const byType = new Map(catalog.map((entry) => [entry.type, entry]));
  const problems: FieldProblem[] = [];
  for (const type of types) {
    const entry = byType.get(type);
    if (!entry) problems.push({ field: 'eventTypes', reason: `unknown event type ${type}` });
    else if (owner === 'shop' && !entry.shopScoped)
      problems.push({ field: 'eventTypes', reason: `${type} is a platform event (platform endpoints only)` });
  }
  return problems;
}

/** The secret's prefix, as Standard Webhooks writes it. */
export const SECRET_PREFIX = 'whsec_';
/** 24 random bytes: 192 bits of key, 32 characters of base64. */
export const SECRET_BYTES = 24;

/** A new signing secret: `whsec_` + base64 of 24 random bytes (Standard Webhooks' form). */
export function newSecret(random: (size: number) => Buffer = randomBytes): string {
  return `${SECRET_PREFIX}${random(SECRET_BYTES).toString('base64')}`;
}

/** Whether a text has the form of a secret this platform issues. */
export function isSecret(text: string): boolean {
  if (!text.startsWith(SECRET_PREFIX)) return false;
  const body = text.slice(SECRET_PREFIX.length);
  return /^[A-Za-z0-9+/]{32}$/.test(body) && Buffer.from(body, 'base64').length === SECRET_BYTES;
}

/** How long the previous secret still signs after a rotation (receivers switch over in this time). */
export const PREVIOUS_SECRET_HOURS = 24;

/** When a secret rotated at `now` stops signing. */
export function previousSecretExpiry(now: Date): Date {
  return new Date(now.getTime() + PREVIOUS_SECRET_HOURS * 3_600_000);
}
