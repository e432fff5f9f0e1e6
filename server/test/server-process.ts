import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const serverDir = path.resolve(import.meta.dirname, '..');

export { freePort } from '../topology/ports.ts';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** `xinren start` in its own process, as a user runs it. */
export function startServer(env: Record<string, string>, port: number): ServerProcess {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
    cwd: serverDir,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info', XINREN_SEED: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  return { child, port, output: () => output };
}

export async function waitHealthy(
  server: ServerProcess,
  timeoutMs = 90_000,
): Promise<{ status: string; database: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/health`);
      if (res.status === 200) return (await res.json()) as { status: string; database: string };
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not healthy in time:\n${server.output()}`);
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}
