import { type Ledger, runMarket } from './market.ts';
import { type Figures, measure } from './measure.ts';
import type { Population } from './population.ts';
import { openWorld } from './world.ts';

export interface SimulationResult {
  figures: Figures;
  ledger: Ledger;
  calls: number;
  refusals: [string, number][];
  samples: Map<string, string>;
  days: number;
  seed: number;
  ms: number;
}

/** One run on a migrated, empty database at `dbUrl`: the world, the agents' days, the measurement. */
export async function runSimulation(
  dbUrl: string,
  options: { days: number; seed: number; population: Population; progress?: (line: string) => void },
): Promise<SimulationResult> {
  const started = performance.now();
  const world = await openWorld(dbUrl, new Date('2026-11-02T00:00:00Z'));
  try {
    const { ledger, client } = await runMarket(world, options);
    const figures = await measure(world.db, ledger);
    return {
      figures,
      ledger,
      calls: client.totalCalls,
      refusals: [...client.refusals.entries()].sort((a, b) => b[1] - a[1]),
      samples: client.samples,
      days: options.days,
      seed: options.seed,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await world.close();
  }
}
