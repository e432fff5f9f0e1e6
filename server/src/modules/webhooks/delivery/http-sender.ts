import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { AttemptOutcome, WebhookSender } from './deliver.ts';

/** The first this many bytes of an answer's body are kept (attempt log, delivery's last answer). */
export const EXCERPT_BYTES = 1024;
/** More of an answer than this is not read (the connection is dropped instead of drained). */
const DRAIN_LIMIT_BYTES = 64 * 1024;
const ERROR_TEXT_LIMIT = 500;

// Keep-alive connections per receiver origin, shared by every batch of the process.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 }),
};

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
 * POSTs with node:http(s) over keep-alive connections (cheaper per request than fetch), follows no
 * redirect, and gives up after `timeoutMs` for the whole exchange. Reads up to 64 KB of the answer
 * (so the connection stays reusable) and keeps its first 1 KB.
 */
export const httpSender: WebhookSender = (url, headers, body, timeoutMs) =>
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
