import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alive, readPid } from '../src/platform/embedded-postgres.ts';

/**
 * Nothing the topology starts may outlive it. Three nets, from the usual to the last resort:
 * - `stop()` of the topology (tests' afterAll, Ctrl-C of `npm run topology`);
 * - on `exit` of this process (an uncaught error, process.exit) and on a terminating signal nobody
 *   else handles, everything owned is killed synchronously;
 * - a SIGKILL of this process escapes both: what it owned is written to a registry file per owner
 *   process, and the next topology started on this machine kills what a dead owner left behind.
 */
export type Owned =
  /** A process group we spawned (`start`: the leader's start time, so a reused pid is never hit). */
  | { kind: 'group'; pid: number; start: string }
  /** A PostgreSQL data directory whose postmaster we started. */
  | { kind: 'postgres'; dataDir: string }
  /** A temporary folder of ours. */
  | { kind: 'dir'; path: string };

const REGISTRY = path.join(os.tmpdir(), 'xinren-topology-owners');
const owned = new Map<number, Owned>();
let nextId = 1;
let installed = false;

function registryFile(pid = process.pid): string {
  return path.join(REGISTRY, `${pid}.json`);
}

function save(): void {
  try {
    if (owned.size === 0) {
      fs.rmSync(registryFile(), { force: true });
      return;
    }
    fs.mkdirSync(REGISTRY, { recursive: true });
    fs.writeFileSync(registryFile(), JSON.stringify([...owned.values()]));
  } catch {
    // the registry is the last net only; the others still hold
  }
}

/** The start time of `pid` (field 22 of /proc/<pid>/stat), or undefined when it is gone. */
export function startTime(pid: number): string | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Signals a process group (negative pid), falling back to the process itself; never throws. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Ends one owned thing at once (synchronously): used on exit and when reaping a dead owner's. */
function end(item: Owned): void {
  try {
    if (item.kind === 'group') {
      if (startTime(item.pid) === item.start) signalGroup(item.pid, 'SIGKILL');
    } else if (item.kind === 'postgres') {
      const pid = readPid(item.dataDir);
      // SIGQUIT is PostgreSQL's immediate shutdown (its children go with it)
      if (pid !== undefined && alive(pid)) {
        process.kill(pid, 'SIGQUIT');
        // a synchronous wait (this may run in an exit handler): at most 5 s, in 50 ms steps
        const pause = new Int32Array(new SharedArrayBuffer(4));
        for (let i = 0; i < 100 && alive(pid); i++) Atomics.wait(pause, 0, 0, 50);
      }
    } else {
      fs.rmSync(item.path, { recursive: true, force: true, maxRetries: 3 });
    }
  } catch {
    // already gone
  }
}

/** Folders last: the processes writing into them go first. */
const byKind = (a: Owned, b: Owned) => Number(a.kind === 'dir') - Number(b.kind === 'dir');

function endAll(): void {
  for (const item of [...owned.values()].sort(byKind)) end(item);
  owned.clear();
  save();
}

function onSignal(signal: NodeJS.Signals): void {
  // someone else handles it (the topology CLI stops gracefully): leave it to them
  if (process.listenerCount(signal) > 1) return;
  endAll();
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', endAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}

/** Records `item` as ours until the returned release function is called (it stopped cleanly). */
export function own(item: Owned): () => void {
  install();
  const id = nextId++;
  owned.set(id, item);
  save();
  return () => {
    if (owned.delete(id)) save();
  };
}

/** Kills what topology owners that died without cleaning up (SIGKILL) left running, and removes their folders. */
export function reapStale(): void {
  let files: string[];
  try {
    files = fs.readdirSync(REGISTRY);
  } catch {
    return;
  }
  for (const file of files) {
    const owner = Number(path.basename(file, '.json'));
    if (!Number.isInteger(owner) || owner === process.pid || alive(owner)) continue;
    try {
      const items = JSON.parse(fs.readFileSync(path.join(REGISTRY, file), 'utf8')) as Owned[];
      for (const item of items.sort(byKind)) end(item);
    } catch {
      // unreadable: nothing we can do but drop it
    }
    fs.rmSync(path.join(REGISTRY, file), { force: true });
  }
}
