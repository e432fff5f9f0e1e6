import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/platform/config.ts';
import { FULL_POPULATION, SMALL_POPULATION } from './population.ts';
import { writeReport } from './report.ts';
import { runSimulation } from './run.ts';
import { simulatorDatabase } from './world.ts';

/**
 * `npm run simulate -- --days 30 --seed 1 [--out sim-report] [--small]`: the marketplace simulator
 * (product rules §6.4). Prints the figures, writes the Markdown report with its charts into --out, and
 * ends with one line of JSON (the summary).
 */
function parseArgs(argv: string[]) {
  const args = { days: 30, seed: 1, out: path.join(projectRoot, 'sim-report'), small: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--days') args.days = Number(value());
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--out') args.out = path.resolve(value());
    else if (a === '--small') args.small = true;
    else if (a === '--') continue;
    else throw new Error(`unknown argument ${a} (use --days N --seed N --out DIR --small)`);
  }
  if (!Number.isInteger(args.days) || args.days < 1 || args.days > 120) throw new Error('--days: 1 to 120');
  if (!Number.isInteger(args.seed)) throw new Error('--seed: an integer');
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const url = await simulatorDatabase(cleanups);
    const result = await runSimulation(url, {
      days: args.days,
      seed: args.seed,
      population: args.small ? SMALL_POPULATION : FULL_POPULATION,
      progress: (line) => console.error(line),
    });
    fs.mkdirSync(args.out, { recursive: true });
    const { summary, lines } = writeReport(args.out, result);
    for (const line of lines) console.log(line);
    console.log(JSON.stringify(summary));
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
