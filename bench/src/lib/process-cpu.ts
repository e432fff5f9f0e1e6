import fs from 'node:fs';

/** CPU time (user + system) in ms of a process and of its descendants, read from /proc (Linux). */
export interface TreeCpu {
  /** The process itself (the Node server). */
  rootMs: number;
  /** Every descendant (the embedded PostgreSQL: postmaster, backends, background workers). */
  childrenMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number): { ppid: number; ms: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name is in parentheses and may hold spaces: fields start after the last ')'
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return {
      ppid: Number(fields[1]),
      // waited-for children (backends that exited) count with their parent
      ms: (utime! + stime! + cutime! + cstime!) * TICK_MS,
    };
  } catch {
    return null;
  }
}

/**
 * The CPU time of `pid` and, apart, of all its live descendants (exited ones count in their parent),
 * plus the trees of the processes whose command line names `alsoRootedAt` (an embedded PostgreSQL's
 * postmaster started detached, found by its data directory).
 */
export function treeCpu(pid: number, alsoRootedAt?: string): TreeCpu {
  const all = new Map<number, { ppid: number; ms: number }>();
  for (const name of fs.readdirSync('/proc')) {
    const n = Number(name);
    if (!Number.isInteger(n)) continue;
    const s = stat(n);
    if (s) all.set(n, s);
  }
  const own = (p: number) => {
    const s = all.get(p);
    return s ? s.ms : 0;
  };
  let childrenMs = 0;
  const queue = [pid];
  if (alsoRootedAt)
    for (const p of all.keys()) {
      if (p === pid) continue;
      try {
        const args = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
        if (args.includes(alsoRootedAt) && !args.includes('cli.ts')) {
          childrenMs += own(p);
          queue.push(p);
        }
      } catch {}
    }
  while (queue.length > 0) {
    const parent = queue.pop()!;
    for (const [p, s] of all)
      if (s.ppid === parent) {
        childrenMs += s.ms;
        queue.push(p);
      }
  }
  return { rootMs: own(pid), childrenMs };
}
