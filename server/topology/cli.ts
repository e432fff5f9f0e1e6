import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/platform/config.ts';
import { connect } from '../src/platform/db.ts';
import { isWebBuild } from '../src/platform/web.ts';
import { activeDemoLogins, formatDemoLogins } from '../src/seed/index.ts';
import { missingBinaries, startTopology, type Topology } from './index.ts';

const USAGE = `npm run topology -- [--apis 3] [--workers 2] [--port 8080] [--no-replica] [--no-pgbouncer]
                        [--no-nats] [--no-seed] [--dist]

Starts the scale-out topology on this machine: a PostgreSQL primary and a streaming replica,
PgBouncer (transaction mode), a NATS JetStream server, the api and worker processes, and HAProxy in
front of the api processes, with the demo marketplace. Ctrl-C stops everything.`;

function parse() {
  const { values } = parseArgs({
    options: {
      apis: { type: 'string', default: '3' },
      workers: { type: 'string', default: '2' },
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      'no-replica': { type: 'boolean', default: false },
      'no-pgbouncer': { type: 'boolean', default: false },
      'no-nats': { type: 'boolean', default: false },
      'no-seed': { type: 'boolean', default: false },
      dist: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const count = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  return {
    help: values.help,
    apis: count('apis', values.apis, 1),
    workers: count('workers', values.workers, 0),
    port: count('port', values.port, 1),
    replica: !values['no-replica'],
    pgbouncer: !values['no-pgbouncer'],
    nats: !values['no-nats'],
    seed: !values['no-seed'],
    command: values.dist ? ('dist' as const) : ('tsx' as const),
  };
}

async function printDemoLogins(url: string) {
  const handle = connect(url, { max: 1, applicationName: 'xinren-topology' });
  try {
    const logins = await activeDemoLogins(handle.db);
    if (logins.length > 0) console.log(`\n${formatDemoLogins(logins)}`);
  } finally {
    await handle.close();
  }
}

function describe(t: Topology, web: boolean): string {
  const lines = [
    '',
    `Xinren topology ready in ${(t.timings.total! / 1000).toFixed(1)} s:`,
    `  ${t.url}   HAProxy (round robin over the api processes; X-Xinren-Backend names the one that answered)`,
    ...t.apis.map((a) => `  ${a.url}   ${a.name} (pid ${a.pid})`),
    ...t.workers.map((w) => `  ${w.url}   ${w.name} (pid ${w.pid}; probes and /metrics only)`),
    `  ${t.primaryUrl}   PostgreSQL primary`,
    ...(t.replicaUrl ? [`  ${t.replicaUrl}   streaming replica (DATABASE_READ_URL)`] : []),
    ...(t.bouncerUrl ? [`  ${t.bouncerUrl}   PgBouncer, transaction mode (DATABASE_URL)`] : []),
    ...(t.natsUrl ? [`  ${t.natsUrl}   NATS JetStream (NATS_URL)`] : []),
    '',
    'Open in a browser:',
    ...(web
      ? [
          `  ${t.url}/           buyer app`,
          `  ${t.url}/merchant   merchant console`,
          `  ${t.url}/ops        ops console`,
        ]
      : ['  (the web apps are not built: npm run build:web)']),
    `  ${t.url}/docs       API reference`,
  ];
  return lines.join('\n');
}

async function main() {
  let options: ReturnType<typeof parse>;
  try {
    options = parse();
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const missing = missingBinaries([
    'haproxy',
    ...(options.pgbouncer ? (['pgbouncer'] as const) : []),
    ...(options.nats ? (['nats'] as const) : []),
  ]);
  if (missing.length > 0) {
    console.error(
      `missing: ${missing.join(', ')} (Debian: apt-get install haproxy pgbouncer nats-server; or --no-pgbouncer / --no-nats)`,
    );
    process.exit(1);
  }
  const webDir = path.join(projectRoot, 'web', 'dist');
  const web = isWebBuild(webDir);
  console.log(
    `Starting ${options.apis} api + ${options.workers} worker processes` +
      `${options.replica ? ', a replica' : ''}${options.pgbouncer ? ', PgBouncer' : ''}${options.nats ? ', NATS' : ''}…`,
  );
  let topology: Topology | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the topology…`);
    await topology?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  topology = await startTopology({
    apis: options.apis,
    workers: options.workers,
    nats: options.nats,
    replica: options.replica,
    pgbouncer: options.pgbouncer,
    seed: options.seed,
    command: options.command,
    port: options.port,
    // the web apps, when built, from every api process (an empty value: the default folder)
    env: { XINREN_WEB_DIR: web ? webDir : 'off', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    log: (line) => console.log(`  ${line}`),
  });
  if (stopping) return;
  console.log(describe(topology, web));
  await printDemoLogins(topology.primaryUrl);
  console.log('\nCtrl-C stops everything.');
  // a process that dies is reported (the others keep serving)
  for (const p of [...topology.apis, ...topology.workers]) {
    void (async () => {
      while (p.running()) await new Promise((r) => setTimeout(r, 1_000));
      if (!stopping) console.error(`${p.name} exited:\n${p.output().split('\n').slice(-10).join('\n')}`);
    })();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
