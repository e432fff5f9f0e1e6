import { scratchDatabase } from '../../../server/src/platform/scratch-database.ts';

/**
 * A migrated database of the benchmark's own (`xinren_bench_<name>_<pid>`): on the server of
 * `DATABASE_URL` when it is set, else on an embedded PostgreSQL in a temporary folder. Each step of
 * taking it down again is pushed on `cleanups`, to be run in reverse order.
 * @returns the database's connection string.
 */
export function benchDatabase(
  name: string,
  cleanups: Array<() => Promise<void>>,
  log: (line: string) => void = () => {},
): Promise<string> {
  return scratchDatabase(`bench_${name}`, cleanups, log);
}
