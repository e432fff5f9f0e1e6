import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createHttp } from './http.ts';
import { chooseLogFormat, createLogger, logFormatFromEnv, requestLogLevel } from './logging.ts';

describe('the log format (XINREN_LOG_FORMAT)', () => {
  it.each([
    ['auto', true, 'pretty'],
    ['auto', false, 'json'],
    ['json', true, 'json'],
    ['json', false, 'json'],
    ['pretty', false, 'pretty'],
    ['pretty', true, 'pretty'],
  ] as const)('%s with a terminal %s → %s', (setting, tty, format) => {
    expect(chooseLogFormat(setting, tty)).toBe(format);
  });

  it.each([
    [undefined, 'auto'],
    ['', 'auto'],
    ['auto', 'auto'],
    ['json', 'json'],
    ['PRETTY', 'pretty'],
  ] as const)('reads %j as %s', (raw, setting) => {
    expect(logFormatFromEnv(raw)).toBe(setting);
  });

  it('refuses another value, naming the variable', () => {
    expect(() => logFormatFromEnv('yaml')).toThrow(/XINREN_LOG_FORMAT/);
  });

  it('writes JSON lines when not on a terminal, and pino-pretty text on one', () => {
    expect(createLogger({ level: 'info', format: 'auto', stdoutIsTty: false }).level).toBe('info');
    // pino-pretty loads (a stream of its own) only for the pretty format
    const pretty = createLogger({ level: 'debug', format: 'auto', stdoutIsTty: true });
    expect(pretty.level).toBe('debug');
  });
});

describe('request logs', () => {
  it.each([
    [200, 3, 'debug'],
    [404, 3, 'debug'],
    [200, 1500, 'info'],
    [503, 3, 'warn'],
    [500, 5000, 'warn'],
  ] as const)('status %i in %i ms → %s', (status, ms, level) => {
    expect(requestLogLevel(status, ms, 1000)).toBe(level);
  });

  it('at info, a quick request writes no line; a 5xx and a slow one do', async () => {
    const lines: { level: number; msg: string; route?: string }[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const app = await createHttp({
      logger: pino({ level: 'info' }, sink),
      authenticate: async () => null,
      slowRequestMs: 50,
    });
    app.get('/quick', { config: { access: 'public' } }, async () => ({ ok: true }));
    app.get('/slow', { config: { access: 'public' } }, async () => {
      await new Promise((r) => setTimeout(r, 60));
      return { ok: true };
    });
    app.get('/broken', { config: { access: 'public' } }, async (_req, reply) =>
      reply.status(503).send({ down: true }),
    );
    await app.inject({ url: '/quick' });
    expect(lines).toEqual([]);
    await app.inject({ url: '/slow' });
    await app.inject({ url: '/broken' });
    await app.close();
    const requestLines = lines.filter((l) => l.msg !== 'request completed' || l.level >= 30);
    expect(requestLines.map((l) => [l.level, l.msg, l.route])).toEqual([
      [30, 'slow request', '/slow'],
      [40, 'request completed', '/broken'],
    ]);
  });
});
