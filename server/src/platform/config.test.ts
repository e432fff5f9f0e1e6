import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig, platformTimeText, roleFromEnv, trustProxyFromEnv } from './config.ts';
import { createHttp } from './http.ts';

describe('the platform time zone', () => {
  it('is Asia/Shanghai unless XINREN_TIME_ZONE names another', () => {
    expect(loadConfig({}).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ XINREN_TIME_ZONE: 'America/New_York' }).timeZone).toBe('America/New_York');
    expect(() => loadConfig({ XINREN_TIME_ZONE: 'Mars/Olympus' })).toThrow(/XINREN_TIME_ZONE/);
  });

  it('writes a moment kept as text on the platform clock, with its offset', () => {
    const at = new Date('2026-12-08T12:00:00Z');
    expect(platformTimeText(at, 'Asia/Shanghai')).toBe('2026-12-08 20:00 (UTC+8)');
    expect(platformTimeText(at, 'America/New_York')).toBe('2026-12-08 07:00 (UTC-5)');
  });
});

describe('whose forwarded address the platform believes (XINREN_TRUST_PROXY)', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
  ])('%j → %j', (raw, trust) => {
    expect(trustProxyFromEnv(raw)).toEqual(trust);
  });

  it('counts a client by the address its trusted proxy forwarded, and by the socket otherwise', async () => {
    const ipSeen = async (trustProxy: boolean | number | string[]) => {
      const app = await createHttp({
        logger: pino({ level: 'silent' }),
        authenticate: async () => null,
        trustProxy,
      });
      app.get('/ip', { config: { access: 'public' } }, async (request) => ({ ip: request.ip }));
      const response = await app.inject({ url: '/ip', headers: { 'x-forwarded-for': '203.0.113.9' } });
      await app.close();
      return response.json().ip;
    };
    expect(await ipSeen(false)).toBe('127.0.0.1');
    expect(await ipSeen(1)).toBe('203.0.113.9');
    expect(await ipSeen(['127.0.0.1'])).toBe('203.0.113.9');
    expect(await ipSeen(['10.0.0.0/8'])).toBe('127.0.0.1');
  });
});

describe('observability settings', () => {
  it('denies webhook endpoints in private networks unless XINREN_WEBHOOKS_PRIVATE_NETWORKS=allow', () => {
    expect(loadConfig({}).webhooksAllowPrivateNetworks).toBe(false);
    expect(loadConfig({ XINREN_WEBHOOKS_PRIVATE_NETWORKS: 'deny' }).webhooksAllowPrivateNetworks).toBe(false);
    expect(loadConfig({ XINREN_WEBHOOKS_PRIVATE_NETWORKS: 'allow' }).webhooksAllowPrivateNetworks).toBe(true);
    expect(() => loadConfig({ XINREN_WEBHOOKS_PRIVATE_NETWORKS: 'yes' })).toThrow(
      /XINREN_WEBHOOKS_PRIVATE_NETWORKS/,
    );
  });

  it('keeps /metrics public unless XINREN_METRICS_TOKEN is set', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ XINREN_METRICS_TOKEN: '  ' }).metricsToken).toBeUndefined();
    expect(loadConfig({ XINREN_METRICS_TOKEN: 's3cret' }).metricsToken).toBe('s3cret');
  });

  it('reads the log format and the slow-request threshold', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ XINREN_LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ XINREN_LOG_FORMAT: 'xml' })).toThrow(/XINREN_LOG_FORMAT/);
    expect(loadConfig({}).slowRequestMs).toBe(1000);
    expect(loadConfig({ XINREN_SLOW_REQUEST_MS: '250' }).slowRequestMs).toBe(250);
    expect(() => loadConfig({ XINREN_SLOW_REQUEST_MS: '0' })).toThrow(/XINREN_SLOW_REQUEST_MS/);
  });

  it('reads the process role, api, worker or both, and refuses anything else', () => {
    expect(loadConfig({}).role).toBe('all');
    expect(roleFromEnv('api')).toBe('api');
    expect(roleFromEnv(' Worker ')).toBe('worker');
    expect(() => roleFromEnv('web')).toThrow(/XINREN_ROLE/);
  });

  it('leaves NATS, the replica and the session connection off unless named', () => {
    const config = loadConfig({});
    expect([config.natsUrl, config.databaseReadUrl, config.databaseSessionUrl]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(loadConfig({ NATS_URL: 'nats://127.0.0.1:4222' }).natsUrl).toBe('nats://127.0.0.1:4222');
  });
});
