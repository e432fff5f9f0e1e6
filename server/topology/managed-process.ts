import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { own, signalGroup, startTime } from './cleanup.ts';

/**
 * One child process of the topology, in its own process group (so a kill reaches whatever it
 * started), registered for the last-resort cleanup, its output kept (the tail) for error messages.
 */
export interface ManagedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last 64 KiB of its stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (null after a signal) once it has exited. */
  readonly exited: Promise<number | null>;
  running(): boolean;
  /** Signals the whole group; resolves once the process has exited (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const KEEP = 64 * 1024;

export function spawnManaged(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; name: string },
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (d: Buffer) => {
    output += d.toString();
    if (output.length > 2 * KEEP) output = output.slice(-KEEP);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start ${command}`);
  const unregister = own({ kind: 'group', pid, start: startTime(pid) ?? '' });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      // whatever it started (a group member still running) goes with it
      signalGroup(pid, 'SIGKILL');
      unregister();
      resolve(code);
    });
  });
  child.once('error', (err) => {
    output += `\n${err.message}`;
  });
  const running = () => exitCode === undefined && child.exitCode === null && child.signalCode === null;
  return {
    child,
    pid,
    output: () => output.slice(-KEEP),
    exited,
    running,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (!running()) return;
      signalGroup(pid, signal);
      if (signal === 'SIGKILL') {
        await exited;
        return;
      }
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** CPU seconds (user + system) a live process has used, from /proc/<pid>/stat (Linux; 0 elsewhere). */
export function cpuSeconds(pid: number): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name is in parentheses and may hold spaces: fields start after the last ')'
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime 15; USER_HZ is 100 on Linux
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Whether an executable exists at `file`. */
export function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
