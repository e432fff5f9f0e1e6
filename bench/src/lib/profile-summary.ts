import fs from 'node:fs';
import path from 'node:path';

/**
 * The summary of a V8 CPU profile (`node --cpu-prof`) that BENCHMARKS.md and `bench/profiles/` keep:
 * the process's CPU time, the share spent idle and in garbage collection, and the functions with
 * the most self time, grouped by function and file.
 *
 *   npx tsx bench/src/lib/profile-summary.ts <file.cpuprofile> [--requests N] [--top 25]
 *
 * With `--requests N`, CPU milliseconds per request are printed too (busy time / N).
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  wallMs: number;
  busyMs: number;
  idleMs: number;
  gcMs: number;
  top: ProfileLine[];
}

/** Where a function lives, short: the path inside the repository or the package. */
function place(url: string): string {
  if (!url) return '';
  const file = url.replace(/^file:\/\//, '');
  const inModules = file.lastIndexOf('node_modules/');
  if (inModules >= 0) return file.slice(inModules + 'node_modules/'.length);
  const inRepo = file.search(/\/(server|bench|web)\/(src|test)\//);
  return inRepo >= 0 ? file.slice(inRepo + 1) : path.basename(file);
}

export function summarizeProfile(profile: CpuProfile, topN = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  let idleUs = 0;
  let gcUs = 0;
  let totalUs = 0;
  const byName = new Map<string, number>();
  for (const [id, us] of selfUs) {
    totalUs += us;
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    if (frame.functionName === '(garbage collector)') gcUs += us;
    const where = place(frame.url);
    const name = `${frame.functionName || '(anonymous)'}${where ? ` ${where}:${frame.lineNumber + 1}` : ''}`;
    byName.set(name, (byName.get(name) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const top = [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topN)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }));
  return { wallMs: totalUs / 1000, busyMs: busyUs / 1000, idleMs: idleUs / 1000, gcMs: gcUs / 1000, top };
}

function main(argv: string[]) {
  const file = argv[0];
  if (!file) {
    console.error('usage: profile-summary <file.cpuprofile> [--requests N] [--top 25]');
    process.exit(2);
  }
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : undefined;
  };
  const summary = summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')), option('--top') ?? 25);
  const requests = option('--requests');
  const ms = (v: number) => v.toFixed(0);
  console.log(
    `profile ${path.basename(file)}: ${ms(summary.wallMs)} ms sampled, ${ms(summary.busyMs)} ms busy`,
  );
  console.log(`  idle ${ms(summary.idleMs)} ms, garbage collection ${ms(summary.gcMs)} ms`);
  if (requests)
    console.log(`  ${(summary.busyMs / requests).toFixed(2)} ms of CPU per request (${requests} requests)`);
  console.log('\n| self ms | share of busy | function |\n|---:|---:|---|');
  for (const line of summary.top)
    console.log(`| ${line.selfMs.toFixed(0)} | ${(line.share * 100).toFixed(1)}% | \`${line.name}\` |`);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) main(process.argv.slice(2));
