import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/harness.ts';
import { SMALL_POPULATION } from './population.ts';
import { writeReport } from './report.ts';
import { runSimulation, type SimulationResult } from './run.ts';
import { fastCommits } from './world.ts';

/**
 * The short run of the marketplace simulator (product rules §6.4): a few simulated days with a small
 * population through the real HTTP API. The floors are a few points under what the platform measures
 * on this run; a change that makes the trust engine worse at one of them fails here.
 */
const DAYS = 4;
let result: SimulationResult;

beforeAll(async () => {
  const url = await createTestDatabase();
  await fastCommits(url);
  result = await runSimulation(url, { days: DAYS, seed: 7, population: SMALL_POPULATION });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-sim-short-'));
  try {
    // The figures of the short run, for whoever moves a floor.
    console.log(writeReport(dir, result).lines.join('\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);

const threat = (name: string) => {
  const t = result.figures.threats.find((x) => x.threat.startsWith(name));
  if (!t) throw new Error(`no threat ${name}`);
  return t;
};

describe(`marketplace simulator, ${DAYS} days, small population`, () => {
  it('the agents did business through the API: orders, after-sales, texts, listings', () => {
    const f = result.figures;
    expect(f.orders).toBeGreaterThan(40);
    expect(f.requests).toBeGreaterThan(5);
    expect(f.texts).toBeGreaterThan(50);
    expect(f.listings).toBeGreaterThan(20);
    // every role that writes was measured on something
    for (const name of ['review extortion', 'evasive', 'hype', 'counterfeit', 'regulated', 'slow'])
      expect(threat(name).positives, name).toBeGreaterThan(0);
  });

  it('no penalty or violation fell on a good merchant', () => {
    expect(result.figures.goodMerchants.violations).toBe(0);
    expect(result.figures.goodMerchants.penalties).toEqual({});
  });

  it('honest cancellations and no-reason returns are all decided within the request', () => {
    const honest = result.figures.honestRefunds;
    expect(honest.requests).toBeGreaterThan(0);
    const byType = honest.byType;
    for (const type of ['refund_only_unshipped', 'return_refund']) {
      const t = byType[type];
      if (t) expect(t.automatic, `${type}: ${JSON.stringify(t)}`).toBe(t.requests);
    }
    expect(
      (byType.refund_only_unshipped?.requests ?? 0) + (byType.return_refund?.requests ?? 0),
    ).toBeGreaterThan(0);
    // (the overall share needs the full run: a few days give a handful of requests)
  });

  it.each([
    ['regulated goods without a licence', 0.9, 0.9],
    ['slow shippers', 0.9, 0.9],
    ['review extortion', 0.8, 0.6],
    ['evasive off-platform contact', 0.85, 0.85],
  ])('%s: precision ≥ %s and recall ≥ %s', (name, precision, recall) => {
    const t = threat(name);
    expect(t.precision ?? 0, JSON.stringify(t)).toBeGreaterThanOrEqual(precision);
    expect(t.recall ?? 0, JSON.stringify(t)).toBeGreaterThanOrEqual(recall);
  });

  it('writes the Markdown report with its charts and a JSON summary', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-sim-report-'));
    try {
      const { summary, lines } = writeReport(dir, result);
      const md = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
      expect(md).toContain('precision-recall.svg');
      expect(fs.readFileSync(path.join(dir, 'precision-recall.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect(summary.days).toBe(DAYS);
      expect(Object.keys(summary.threats)).toHaveLength(result.figures.threats.length);
      expect(lines.length).toBeGreaterThan(5);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
