import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createHttp } from './http.ts';

let root: string;
let app: App;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'xinren-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(root, 'assets', 'main-abc123.js'), 'console.log(1)');
  app = await createHttp({
    logger: pino({ level: 'silent' }),
    authenticate: async () => null,
    webRoot: root,
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, method: 'GET' | 'POST' = 'GET') => app.inject({ method, url });

describe('serving the web build', () => {
  it.each(['/', '/live/12', '/merchant', '/merchant/orders', '/ops/arbitrations/3', '/search?q=橙'])(
    'answers the page address %s with the app',
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    },
  );

  it('serves hashed assets with a long cache', async () => {
    const res = await get('/assets/main-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(1)');
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it.each([
    ['GET', '/api/v1/nope'],
    ['GET', '/assets/missing-1.js'],
    ['GET', '/health/more'],
    ['POST', '/live/12'],
  ] as const)('keeps %s %s a JSON 404', async (method, url) => {
    const res = await get(url, method);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('names the platform time zone in every page (the web apps show and read times in it)', async () => {
    const res = await get('/merchant/live');
    expect(res.body).toContain('<meta name="xinren-time-zone" content="Asia/Shanghai">');
    const elsewhere = await createHttp({
      logger: pino({ level: 'silent' }),
      authenticate: async () => null,
      webRoot: root,
      timeZone: 'America/New_York',
    });
    await elsewhere.ready();
    const page = await elsewhere.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain('<meta name="xinren-time-zone" content="America/New_York">');
    expect(page.body).toContain('<div id="root">');
    await elsewhere.close();
  });

  it('serves nothing when no build is given', async () => {
    const bare = await createHttp({ logger: pino({ level: 'silent' }), authenticate: async () => null });
    await bare.ready();
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(404);
    await bare.close();
  });
});

describe('security headers', () => {
  it.each([
    '/',
    '/merchant',
    '/ops',
    '/ops/arbitrations/3',
    '/assets/main-abc123.js',
    '/docs',
    '/docs/static/index.html',
    '/api/v1/nope',
  ])(
    '%s carries a CSP without inline code, forbids framing and sniffing, and limits the referrer',
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBeLessThan(500);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    },
  );

  it('serves the API reference page, which loads only files (nothing inline for the CSP to refuse)', async () => {
    const res = await get('/docs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger-ui-bundle.js');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.body).not.toMatch(/<style|\sstyle="/);
  });
});
