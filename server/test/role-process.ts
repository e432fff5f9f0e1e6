import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll } from 'vitest';
import { exited, freePort, serverDir } from './server-process.ts';

export interface RoleProcess {
  child: ChildProcess;
  url: string;
  output(): string;
}

// Registered when a test file imports this module: every process it started is stopped after the file.
const started: RoleProcess[] = [];
afterAll(async () => {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGTERM');
      await exited(p.child);
    }
  }
});

/** `xinren start --role <role>` in its own process (`role` undefined: no flag, XINREN_ROLE decides). */
export async function startRole(
  role: 'api' | 'worker' | 'all' | undefined,
  env: Record<string, string>,
): Promise<RoleProcess> {
  const port = await freePort();
  let output = '';
  const args = ['--import', 'tsx', 'src/cli.ts', 'start', ...(role ? ['--role', role] : [])];
  const child = spawn(process.execPath, args, {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      XINREN_LOG_FORMAT: 'json',
      XINREN_WEB_DIR: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const proc = { child, url: `http://127.0.0.1:${port}`, output: () => output };
  started.push(proc);
  return proc;
}

/** Resolves once the process answers /health/ready with 200 (every role serves it). */
export async function waitReady(proc: RoleProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`the process exited early:\n${proc.output()}`);
    try {
      if ((await fetch(`${proc.url}/health/ready`)).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready in time:\n${proc.output()}`);
}

/** Polls `probe` until it returns a value. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function call(
  proc: RoleProcess,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${proc.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
