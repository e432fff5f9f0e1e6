import fs from 'node:fs';
import { treeCpu } from './process-cpu.ts';

/**
 * The process that listens on TCP `port` (Linux, /proc): the LISTEN sockets of that port in
 * /proc/net/tcp and tcp6, then the process holding one of them. When several do (a forking server,
 * HAProxy's master and worker), the one none of whose ancestors is among them: its tree holds the rest.
 * Lets the benchmark count the CPU of a PostgreSQL, NATS, PgBouncer or HAProxy however it was started
 * (a child of this process or detached by pg_ctl).
 */
export function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A') continue; // 0A: LISTEN
      const local = f[1]!;
      if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port) inodes.add(f[9]!);
    }
  }
  if (inodes.size === 0) return null;
  const holders: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1]!)) {
          holders.push(pid);
          break;
        }
      } catch {}
    }
  }
  const parentOf = (pid: number): number => {
    try {
      const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return 0;
    }
  };
  const set = new Set(holders);
  return (
    holders.find((pid) => {
      for (let p = parentOf(pid); p > 1; p = parentOf(p)) if (set.has(p)) return false;
      return true;
    }) ?? null
  );
}

/** CPU ms of a process and all its descendants (exited ones counted by their parent), 0 when it is gone. */
export function processTreeMs(pid: number): number {
  const t = treeCpu(pid);
  return t.rootMs + t.childrenMs;
}

/** The port of a URL (`postgres://…:5433/x`, `nats://127.0.0.1:4223`, `http://127.0.0.1:8080`). */
export function portOf(url: string): number {
  const u = new URL(url);
  if (u.port) return Number(u.port);
  return u.protocol === 'https:' ? 443 : 80;
}
