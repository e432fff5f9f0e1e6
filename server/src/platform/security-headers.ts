import helmet from 'helmet';
import type { App } from './http.ts';

/**
 * The Content Security Policy of every response, the web apps' pages and the API reference (/docs)
 * alike. No inline script or style anywhere: the apps' build and swagger-ui load only files (React
 * sets style properties through the DOM, which CSP allows). Live rooms play HLS from the stream's
 * own host (https), through hls.js (a blob: worker and media source). No page may be framed.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'", 'https:'],
  'media-src': ["'self'", 'blob:', 'https:'],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/**
 * Security headers on every response (helmet): CSP, no framing, no sniffing, a strict referrer policy.
 * The middleware is built once and applied to each response as it starts (@fastify/helmet builds it
 * again for every request: 2% of the server's CPU under checkout load, measured in BENCHMARKS.md).
 */
export async function securityHeaders(app: App): Promise<void> {
  const apply = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(contentSecurityPolicy).map(([name, values]) => [name, [...values]]),
      ),
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined));
  });
}
