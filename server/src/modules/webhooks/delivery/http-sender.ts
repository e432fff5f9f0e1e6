import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { isPrivateAddress, PRIVATE_NETWORK_REFUSAL } from '../private-address.rule.ts';
import type { AttemptOutcome, WebhookSender } from './deliver.ts';

/** The first this many bytes of an answer's body are kept (attempt log, delivery's last answer). */
export const EXCERPT_BYTES = 1024;
/** More of an answer than this is not read (the connection is dropped instead of drained). */
const DRAIN_LIMIT_BYTES = 64 * 1024;
const ERROR_TEXT_LIMIT = 500;

/** dns.lookup's shape with every address asked for (tests pass a fake resolver). */
export type DnsLookupAll = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemLookup: DnsLookupAll = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/** The error of a connection refused because the receiver's address is in a private network. */
function privateNetworkError(hostname: string, address: string): Error {
  return new Error(`${PRIVATE_NETWORK_REFUSAL} (${hostname} resolves to ${address})`);
}

/**
 * A `lookup` for sockets that resolves the name and refuses it when any of its addresses is private
 * (DNS rebinding: a name checked at registration may later resolve to 127.0.0.1 or the cloud's
 * metadata address). The address connected to is the one checked: no second resolution.
 */
export function privateNetworkGuardedLookup(resolve: DnsLookupAll = systemLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', undefined);
      const refused = addresses.find((a) => isPrivateAddress(a.address));
      if (refused) return callback(privateNetworkError(hostname, refused.address), '', undefined);
      if (addresses.length === 0) {
        const notFound: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        notFound.code = 'ENOTFOUND';
        return callback(notFound, '', undefined);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

type Agents = { 'http:': http.Agent; 'https:': https.Agent };

function keepAliveAgents(lookup?: LookupFunction): Agents {
  const options = { keepAlive: true, maxSockets: 64, maxFreeSockets: 64, ...(lookup ? { lookup } : {}) };
  return { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };
}

export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return (code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message || err.name).slice(
      0,
      ERROR_TEXT_LIMIT,
    );
  }
  return String(err).slice(0, ERROR_TEXT_LIMIT);
}

/** Postgres text holds no NUL; a multi-byte character cut at the end becomes U+FFFD and is dropped. */
export function excerptText(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  return new TextDecoder()
    .decode(bytes)
    .replaceAll(String.fromCharCode(0), '')
    .replace(/\uFFFD$/, '');
}

/**
 * A sender that POSTs with node:http(s) over keep-alive connections (cheaper per request than fetch),
 * follows no redirect, and gives up after `timeoutMs` for the whole exchange. Reads up to 64 KB of
 * the answer (so the connection stays reusable) and keeps its first 1 KB. Unless private networks are
 * allowed, a receiver whose address (literal, or any the name resolves to) is private is not
 * connected to: the attempt fails with `refused: private network address (…)`.
 */
export function createHttpSender(options: {
  allowPrivateNetworks: boolean;
  /** The resolver behind the guard (tests); default dns.lookup. */
  resolve?: DnsLookupAll;
}): WebhookSender {
  const guarded = !options.allowPrivateNetworks;
  // Keep-alive connections per receiver origin, shared by every batch of the process.
  const agents = keepAliveAgents(guarded ? privateNetworkGuardedLookup(options.resolve) : undefined);
  return (url, headers, body, timeoutMs) => send(agents, guarded, url, headers, body, timeoutMs);
}

const send = (
  agents: Agents,
  guarded: boolean,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) =>
  new Promise<AttemptOutcome>((resolve) => {
    const started = performance.now();
    let settled = false;
    let statusCode: number | null = null;
    const kept: Buffer[] = [];
    let keptLength = 0;
    let total = 0;
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        statusCode,
        latencyMs: Math.round(performance.now() - started),
        responseExcerpt: excerptText(Buffer.concat(kept, keptLength)),
        error,
      });
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      settled = true;
      resolve({ statusCode: null, latencyMs: 0, responseExcerpt: null, error: 'invalid url' });
      return;
    }
    const agent = agents[target.protocol as keyof typeof agents];
    if (!agent) {
      settled = true;
      resolve({
        statusCode: null,
        latencyMs: 0,
        responseExcerpt: null,
        error: `unsupported protocol ${target.protocol}`,
      });
      return;
    }
    // A literal IP is connected to without a lookup, so the guard checks it here.
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    if (guarded && isPrivateAddress(host)) {
      settled = true;
      resolve({
        statusCode: null,
        latencyMs: 0,
        responseExcerpt: null,
        error: privateNetworkError(host, host).message,
      });
      return;
    }
    const payload = Buffer.from(body, 'utf8');
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      agent,
      headers: { ...headers, 'content-length': payload.length },
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish('timeout');
    }, timeoutMs);
    request.on('error', (err) => finish(errorText(err)));
    request.on('response', (response) => {
      statusCode = response.statusCode ?? null;
      response.on('data', (chunk: Buffer) => {
        if (keptLength < EXCERPT_BYTES) {
          const part = chunk.subarray(0, EXCERPT_BYTES - keptLength);
          kept.push(part);
          keptLength += part.length;
        }
        total += chunk.length;
        if (total > DRAIN_LIMIT_BYTES) {
          response.destroy();
          finish(null);
        }
      });
      response.on('end', () => finish(null));
      response.on('error', (err) => finish(`reading the answer: ${errorText(err)}`));
      response.on('aborted', () => finish('the answer was cut off'));
    });
    request.end(payload);
  });

const senders = new Map<boolean, WebhookSender>();

/** The process's shared sender for the private-networks setting (one pair of agents each). */
export function httpSender(allowPrivateNetworks: boolean): WebhookSender {
  let sender = senders.get(allowPrivateNetworks);
  if (!sender) {
    sender = createHttpSender({ allowPrivateNetworks });
    senders.set(allowPrivateNetworks, sender);
  }
  return sender;
}
