import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appEnvironment } from '../topology/index.ts';
import { copiedInBaseBackup } from '../topology/postgres-pair.ts';
import { haproxyConfig, pgbouncerIni } from '../topology/services.ts';

describe('the low-level base backup of the replica', () => {
  it.each([
    // per the PostgreSQL documentation: the running server's own files are never copied
    ['postmaster.pid', 'file', 'skip'],
    ['postmaster.opts', 'file', 'skip'],
    ['backup_label', 'file', 'skip'],
    // WAL comes by streaming; these folders must exist but start empty
    ['pg_wal', 'dir', 'empty-dir'],
    [path.join('pg_wal', 'archive_status'), 'dir', 'empty-dir'],
    ['pg_replslot', 'dir', 'empty-dir'],
    ['pg_stat_tmp', 'dir', 'empty-dir'],
    ['pg_subtrans', 'dir', 'empty-dir'],
    [path.join('base', '5', 'pgsql_tmp'), 'dir', 'skip'],
    // the data itself and the settings
    ['base', 'dir', 'copy'],
    [path.join('base', '5', '1259'), 'file', 'copy'],
    ['global', 'dir', 'copy'],
    ['pg_xact', 'dir', 'copy'],
    ['postgresql.conf', 'file', 'copy'],
    ['pg_hba.conf', 'file', 'copy'],
    // only the top-level postmaster.pid is the server's; a table file of the same name is data
    [path.join('base', 'postmaster.pid'), 'file', 'copy'],
  ] as const)('%s (%s): %s', (rel, kind, expected) => {
    expect(copiedInBaseBackup(rel, kind)).toBe(expected);
  });
});

describe('the app processes’ environment', () => {
  const base = { databaseUrl: 'postgres://b/x', sessionUrl: 'postgres://p/x', dataDir: '/d' };
  it.each([
    [
      'PgBouncer, replica and NATS',
      { ...base, readUrl: 'postgres://r/x', natsUrl: 'nats://n' },
      {
        DATABASE_URL: 'postgres://b/x',
        DATABASE_SESSION_URL: 'postgres://p/x',
        DATABASE_READ_URL: 'postgres://r/x',
        NATS_URL: 'nats://n',
      },
    ],
    [
      'the primary alone',
      { ...base, databaseUrl: 'postgres://p/x' },
      {
        DATABASE_URL: 'postgres://p/x',
        DATABASE_SESSION_URL: 'postgres://p/x',
        DATABASE_READ_URL: undefined,
        NATS_URL: undefined,
      },
    ],
  ])('%s', (_, input, expected) => {
    const env = appEnvironment(input);
    expect({
      DATABASE_URL: env.DATABASE_URL,
      DATABASE_SESSION_URL: env.DATABASE_SESSION_URL,
      DATABASE_READ_URL: env.DATABASE_READ_URL,
      NATS_URL: env.NATS_URL,
    }).toEqual(expected);
    expect(env).toMatchObject({
      XINREN_SEED: 'off',
      XINREN_WEB_DIR: 'off',
      XINREN_WEBHOOKS_PRIVATE_NETWORKS: 'allow',
      XINREN_TRUST_PROXY: '127.0.0.1',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    });
  });

  it("never passes on the caller's own NATS, replica, role or port; the caller's env wins over the defaults", () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      NATS_URL: 'nats://machine:4222',
      DATABASE_READ_URL: 'postgres://elsewhere/x',
      XINREN_ROLE: 'all',
      PORT: '3000',
    });
    try {
      const env = appEnvironment({ ...base, env: { LOG_LEVEL: 'debug' } });
      expect(env.NATS_URL).toBeUndefined();
      expect(env.DATABASE_READ_URL).toBeUndefined();
      expect(env.XINREN_ROLE).toBeUndefined();
      expect(env.PORT).toBeUndefined();
      expect(env.LOG_LEVEL).toBe('debug');
    } finally {
      process.env = saved;
    }
  });
});

describe('haproxy.cfg', () => {
  const cfg = haproxyConfig({
    port: 8080,
    backends: [
      { name: 'api-1', port: 4001 },
      { name: 'api-2', port: 4002 },
    ],
  });
  it.each([
    ['binds the front on loopback', '  bind 127.0.0.1:8080'],
    ['balances round robin', '  balance roundrobin'],
    ['checks readiness', '  option httpchk GET /health/ready'],
    ['sends X-Forwarded-For', '  option forwardfor'],
    ['keeps SSE streams open', '  timeout server 10m'],
    ['keeps upgraded connections open', '  timeout tunnel 1h'],
    ['names the answering process', '  http-response set-header X-Xinren-Backend %s'],
    ['lists every api process, checked', '  server api-1 127.0.0.1:4001 check'],
    ['lists every api process, checked (2)', '  server api-2 127.0.0.1:4002 check'],
  ])('%s', (_, line) => {
    expect(cfg.split('\n')).toContain(line);
  });
});

describe('pgbouncer.ini', () => {
  const ini = pgbouncerIni({
    database: 'xinren',
    upstreamPort: 5432,
    port: 6432,
    authFile: '/a',
    poolSize: 40,
  });
  it.each([
    ['pools per transaction', 'pool_mode = transaction'],
    ['points the database at the primary', 'xinren = host=127.0.0.1 port=5432 dbname=xinren'],
    ['listens on loopback only', 'listen_addr = 127.0.0.1'],
    ['listens on its port', 'listen_port = 6432'],
    ["accepts node-postgres's startup parameters", 'ignore_startup_parameters = extra_float_digits,options'],
    ['sizes the pool', 'default_pool_size = 40'],
  ])('%s', (_, line) => {
    expect(ini.split('\n')).toContain(line);
  });
});
