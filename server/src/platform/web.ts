import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './http.ts';

/** Whether `dir` holds a production build of the web apps (web/dist). */
export function isWebBuild(dir: string | undefined): dir is string {
  return dir !== undefined && existsSync(path.join(dir, 'index.html'));
}

/**
 * Serves the web apps' production build: hashed assets cached for a year, and index.html for every
 * page address (/, /live/12, /merchant/orders, /ops/...), where the single-page app routes itself.
 * API, docs and health addresses never get the page: an unknown /api address stays a JSON 404.
 */
export async function serveWeb(app: App, root: string): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: 'public' };
    });
    await scope.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders(res, file) {
        res.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  });
}

const NOT_PAGES = /^\/(api|docs|openapi\.json|health)(\/|$|\?)/;

/** The app's index.html naming the platform's time zone, in which the apps show and read every time. */
export function withTimeZone(html: string, timeZone: string): string {
  const meta = `<meta name="xinren-time-zone" content="${timeZone.replace(/[^\w/+-]/g, '')}">`;
  return html.includes('<head>')
    ? html.replace('<head>', `<head>\n    ${meta}`)
    : html.replace(/^(<!doctype html>)?/i, `$1${meta}`);
}

/**
 * For the not-found handler: a page address is answered with the app's index.html (read once: a
 * new build is served after a restart); anything else is left to the JSON 404.
 */
export function pageSender(
  root: string,
  timeZone: string,
): (request: FastifyRequest, reply: FastifyReply) => boolean {
  const page = withTimeZone(readFileSync(path.join(root, 'index.html'), 'utf8'), timeZone);
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (NOT_PAGES.test(request.url)) return false;
    // a missing asset (a file name with an extension) is a 404, not the page
    if (/\.[a-z0-9]+$/i.test(request.url.split('?')[0]!)) return false;
    void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
    return true;
  };
}
