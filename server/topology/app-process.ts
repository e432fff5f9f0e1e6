import fs from 'node:fs';
import path from 'node:path';
import { cpuSeconds, type ManagedProcess, spawnManaged } from './managed-process.ts';
import { waitFor } from './ports.ts';

export const serverDir = path.resolve(import.meta.dirname, '..');

/** How an app process runs: TypeScript through tsx (as `npm start`), or the built bundle (as `npm run start:prod`). */
export type AppCommand = 'tsx' | 'dist';

/** `node …` arguments of an `xinren <command>` process. */
export function xinrenArgs(command: AppCommand, args: string[]): string[] {
  if (command === 'dist') {
    const bundle = path.join(serverDir, 'dist', 'cli.mjs');
    if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
    return [bundle, ...args];
  }
  return ['--import', 'tsx', 'src/cli.ts', ...args];
}

export interface ProcessHandle {
  /** api-1, worker-2… */
  name: string;
  role: 'api' | 'worker';
  /** http://127.0.0.1:<port>: an api process's whole API, a worker's probes and /metrics. */
  url: string;
  port: number;
  /** The current process (changes on restart). */
  readonly pid: number;
  running(): boolean;
  /** Signals the process (SIGTERM: a clean shutdown; SIGKILL: a crash) and waits until it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port (stopping it first if it still runs) and waits until it is ready. */
  restart(): Promise<void>;
  /** CPU seconds (user + system) of the current process since it started. */
  cpuSeconds(): number;
  /** The tail of its output (JSON log lines at LOG_LEVEL). */
  output(): string;
}

/** Waits until `url`/health/ready answers 200 (the process is migrated, connected and serving). */
export async function waitReady(url: string, proc: ManagedProcess, name: string, timeoutMs = 120_000) {
  await waitFor(
    async () => {
      if (!proc.running()) throw new Error(`${name} exited before it was ready:\n${proc.output()}`);
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.status === 200;
    },
    `${name} was not ready at ${url}/health/ready`,
    timeoutMs,
    150,
  );
}

/** Spawns `xinren start --role <role>` on `port` with `env`; resolves once it is ready. */
export async function startAppProcess(o: {
  name: string;
  role: 'api' | 'worker';
  port: number;
  env: NodeJS.ProcessEnv;
  command: AppCommand;
}): Promise<ProcessHandle> {
  const url = `http://127.0.0.1:${o.port}`;
  const spawnOne = () =>
    spawnManaged(process.execPath, xinrenArgs(o.command, ['start', '--role', o.role]), {
      cwd: serverDir,
      env: { ...o.env, XINREN_ROLE: o.role, PORT: String(o.port) },
      name: o.name,
    });
  let proc = spawnOne();
  try {
    await waitReady(url, proc, o.name);
  } catch (err) {
    await proc.stop('SIGKILL');
    throw err;
  }
  return {
    name: o.name,
    role: o.role,
    url,
    port: o.port,
    get pid() {
      return proc.pid;
    },
    running: () => proc.running(),
    async kill(signal = 'SIGTERM') {
      await proc.stop(signal);
    },
    async restart() {
      await proc.stop('SIGTERM');
      proc = spawnOne();
      await waitReady(url, proc, o.name);
    },
    cpuSeconds: () => cpuSeconds(proc.pid),
    output: () => proc.output(),
  };
}
