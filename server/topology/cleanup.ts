/**
 * Last-resort cleanup when the process exits without calling `stop()` (a failed test run, an
 * uncaught error): every process the topology started is registered here and killed synchronously
 * on `exit`, so nothing outlives us. Only a SIGKILL of this process itself escapes it.
 */
const killers = new Map<number, () => void>();
let nextId = 1;
let installed = false;

export function onExit(kill: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', runAll);
  }
  const id = nextId++;
  killers.set(id, kill);
  return () => {
    killers.delete(id);
  };
}

function runAll() {
  for (const kill of killers.values()) {
    try {
      kill();
    } catch {
      // already gone
    }
  }
  killers.clear();
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
