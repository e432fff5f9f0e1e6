import pino from 'pino';
import { loadConfig } from '../../platform/config.ts';
import { connect } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { migrate } from '../../platform/migrate.ts';
import { openDatabase } from '../../runtime.ts';
import { type BacktestReport, backtest } from './backtest.service.ts';
import { isCheckpoint } from './checkpoints.ts';
import { getPolicy } from './policies.service.ts';

export const BACKTEST_USAGE =
  'xinren backtest --checkpoint <checkpoint> --policy <id> [--since <ISO time>] [--until <ISO time>] [--json]';

export interface BacktestArgs {
  checkpoint: string;
  policyId: number;
  since?: Date;
  until?: Date;
  json: boolean;
}

export function parseBacktestArgs(args: readonly string[]): BacktestArgs {
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (['--checkpoint', '--policy', '--since', '--until'].includes(arg) && args[i + 1] !== undefined)
      values.set(arg.slice(2), args[++i]!);
    else throw new Error(`unexpected argument ${arg}`);
  }
  const checkpoint = values.get('checkpoint');
  if (!checkpoint || !isCheckpoint(checkpoint)) throw new Error('--checkpoint must name a checkpoint');
  const policyId = Number(values.get('policy'));
  if (!Number.isSafeInteger(policyId) || policyId < 1) throw new Error('--policy must be a policy id');
  const date = (name: string) => {
    const text = values.get(name);
    if (text === undefined) return undefined;
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) throw new Error(`--${name} must be an ISO time`);
    return at;
  };
  return { checkpoint, policyId, since: date('since'), until: date('until'), json };
}

const pct = (n: number | null) => (n === null ? '–' : `${(n * 100).toFixed(1)}%`);

export function formatBacktest(r: BacktestReport): string {
  const lines = [
    `Backtest of ${r.checkpoint} policy #${r.policy.id} (version ${r.policy.version}, ${r.policy.status}) over ${r.events} decisions` +
      `${r.since ? ` since ${r.since.toISOString()}` : ''}${r.until ? ` until ${r.until.toISOString()}` : ''}`,
    '           before    after',
    ...(['allow', 'review', 'block'] as const).map(
      (o) => `  ${o.padEnd(8)} ${String(r.before[o]).padStart(7)}  ${String(r.after[o]).padStart(7)}`,
    ),
    `changed: ${r.changed}${r.transitions.length ? ` (${r.transitions.map((t) => `${t.from}→${t.to} ${t.count}`).join(', ')})` : ''}`,
    `labelled: ${r.labelled}; precision ${pct(r.precisionRecall.before.precision)} → ${pct(r.precisionRecall.after.precision)}; ` +
      `recall ${pct(r.precisionRecall.before.recall)} → ${pct(r.precisionRecall.after.recall)}`,
  ];
  return lines.join('\n');
}

/** `xinren backtest`: replays stored decisions through a policy version and prints the report. */
export async function backtestCommand(args: readonly string[]): Promise<void> {
  let parsed: BacktestArgs;
  try {
    parsed = parseBacktestArgs(args);
  } catch (err) {
    console.error(`backtest: ${(err as Error).message}\nusage: ${BACKTEST_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  // stdout carries the report only; the database's messages go to stderr
  const database = await openDatabase(config, pino({ level: 'warn' }, pino.destination(2)));
  const handle = connect(database.url, { max: 2, applicationName: 'xinren-backtest' });
  try {
    await migrate(database.url);
    const policy = await getPolicy(handle.db, parsed.policyId);
    if (policy.checkpoint !== parsed.checkpoint)
      throw new AppError(
        'validation_failed',
        `policy ${policy.id} belongs to ${policy.checkpoint}, not ${parsed.checkpoint}`,
      );
    const report = await backtest(handle.db, parsed);
    console.log(parsed.json ? JSON.stringify(report, null, 2) : formatBacktest(report));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(`backtest: ${err.message}`);
    process.exitCode = 1;
  } finally {
    await handle.close();
    await database.embedded?.stop();
  }
}
