import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
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

/**
 * `xinren backtest` once the database is open: the policy must belong to the checkpoint asked for
 * (else `validation_failed`), then its replay report.
 */
export async function backtestPolicy(db: Executor, args: BacktestArgs): Promise<BacktestReport> {
  const policy = await getPolicy(db, args.policyId);
  if (policy.checkpoint !== args.checkpoint)
    throw new AppError(
      'validation_failed',
      `policy ${policy.id} belongs to ${policy.checkpoint}, not ${args.checkpoint}`,
    );
  return backtest(db, args);
}
