// Text screening (product rules §6.1, issue 17): quality on the hand-written held-out set and speed.
// 1. The held-out set (server/src/modules/screening/eval/heldout.jsonl, never tuned on): precision,
//    recall, evasion recall and the share of clean and tricky clean texts flagged, per category and per
//    surface, with the surface passed to the screener; the lexicon alone, the lexicon with the committed
//    model, and the baseline before issue 17 (the lexicon, no surface, every category counted).
//    The late batch (heldout-late.jsonl), written after the screening was fitted, likewise.
// 2. The older evaluation set's figures (tuned rows and the unseen holdout2 batch), as before.
// 3. Throughput of the whole screening (normalise + lexicon + model + verdict) on one core, in process,
//    over a realistic mix of surfaces (live comments most, then chat, reviews, listings, captions and
//    titles) drawn from both sets' texts as written. Three runs, medians. Counted per second of this
//    process's CPU time (user + system) as well as of wall time: on a shared, loaded machine the wall
//    figure measures the neighbours too, so the load average is reported with it.
// `npm run bench:screening`; the last line is a JSON summary.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  compileScreener,
  DEFAULT_LEXICON,
  defaultModel,
  type Evaluation,
  evaluate,
  evaluateHeldout,
  formatEvaluation,
  formatHeldout,
  formatHeldoutComparison,
  HELDOUT_LATE_FILE,
  heldoutScreeners,
  heldoutSummary,
  readEvalSet,
  readHeldout,
  type Screener,
  type Surface,
  screenText,
} from '../../server/src/modules/screening/index.ts';

const TEXTS = 100_000;
const RUNS = 3;
const TARGET_PER_SECOND = 20_000;
const TARGET_RECALL = 0.9;
const TARGET_FALSE_POSITIVES = 0.02;

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

// The share of screened texts per surface on a live-commerce day: comments dwarf everything else.
const MIX: Record<Surface, number> = {
  live_comment: 0.55,
  chat_message: 0.2,
  review: 0.1,
  listing: 0.06,
  video_caption: 0.05,
  live_title: 0.04,
};
const OLD_SOURCE: Record<string, Surface> = {
  comment: 'live_comment',
  title: 'live_title',
  review: 'review',
  caption: 'video_caption',
};

/** 5,000 (text, surface) pairs in the MIX proportions, from the held-out and older sets' texts. */
function workload(): { text: string; surface: Surface }[] {
  const bySurface = new Map<Surface, string[]>();
  const add = (surface: Surface, text: string) => {
    if (!bySurface.has(surface)) bySurface.set(surface, []);
    bySurface.get(surface)!.push(text);
  };
  for (const r of readHeldout()) add(r.surface, r.text);
  for (const r of readEvalSet()) add(OLD_SOURCE[r.source] ?? 'live_comment', r.text);
  const surfaces = Object.keys(MIX) as Surface[];
  const texts: { text: string; surface: Surface }[] = [];
  for (let i = 0; i < 5_000; i++) {
    let x = random();
    let surface = surfaces[0]!;
    for (const s of surfaces) {
      surface = s;
      x -= MIX[s];
      if (x < 0) break;
    }
    texts.push({ text: pick(bySurface.get(surface)!), surface });
  }
  return texts;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median texts per CPU second and per wall second of screening the workload with a screener. */
function throughput(name: string, screener: Screener, texts: readonly { text: string; surface: Surface }[]) {
  for (let i = 0; i < 20_000; i++) {
    const t = texts[i % texts.length]!;
    screenText(t.text, screener, { surface: t.surface });
  }
  const perSecond: number[] = [];
  const perCpuSecond: number[] = [];
  let flagged = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < TEXTS; i++) {
      const t = texts[i % texts.length]!;
      if (screenText(t.text, screener, { surface: t.surface }).categories.length > 0) flagged++;
    }
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - start) / 1000;
    const cpuSeconds = (used.user + used.system) / 1e6;
    perSecond.push(TEXTS / seconds);
    perCpuSecond.push(TEXTS / cpuSeconds);
    console.log(
      `${name} run ${run + 1}: ${Math.round(TEXTS / cpuSeconds).toLocaleString('en')} texts per CPU second, ` +
        `${Math.round(TEXTS / seconds).toLocaleString('en')} per wall second (load ${os.loadavg()[0]!.toFixed(2)})`,
    );
  }
  return {
    textsPerSecond: Math.round(median(perCpuSecond)),
    textsPerWallSecond: Math.round(median(perSecond)),
    runsPerCpuSecond: perCpuSecond.map(Math.round),
    runsPerWallSecond: perSecond.map(Math.round),
    flaggedShare: Math.round((flagged / (TEXTS * RUNS)) * 1000) / 1000,
  };
}

const scores = (e: Evaluation) =>
  Object.fromEntries(
    e.perCategory.map((s) => [
      s.category,
      { precision: Math.round(s.precision * 1000) / 1000, recall: Math.round(s.recall * 1000) / 1000 },
    ]),
  );

function main() {
  const loadBefore = os.loadavg();
  const t0 = performance.now();
  const lexicon = compileScreener(DEFAULT_LEXICON, 1);
  const compileMs = performance.now() - t0;
  const t1 = performance.now();
  const model = defaultModel();
  const modelLoadMs = performance.now() - t1;

  // 1. held-out
  const heldout = readHeldout();
  const screeners = heldoutScreeners();
  const compared = screeners.map(({ name, screener }) => evaluateHeldout(heldout, screener, name));
  const baseline = evaluateHeldout(heldout, lexicon, 'before (no surface)', { withSurface: false });
  for (const e of compared) console.log(`${formatHeldout(e)}\n`);
  console.log(`held-out, side by side\n${formatHeldoutComparison([baseline, ...compared])}\n`);
  const deployed = compared.at(-1)!;
  // the late batch, written after the screening was fitted (eval/README.md)
  const late = readHeldout(HELDOUT_LATE_FILE);
  const lateCompared = screeners.map(({ name, screener }) => evaluateHeldout(late, screener, name));
  const lateBaseline = evaluateHeldout(late, lexicon, 'before (no surface)', { withSurface: false });
  for (const e of lateCompared) console.log(`late batch: ${formatHeldout(e)}\n`);
  console.log(`late batch, side by side\n${formatHeldoutComparison([lateBaseline, ...lateCompared])}\n`);
  const lateDeployed = lateCompared.at(-1)!;

  // 2. older evaluation set
  const rows = readEvalSet();
  const old = Object.fromEntries(
    screeners.map(({ name, screener }) => [
      name,
      {
        tuned: evaluate(
          rows.filter((r) => r.split !== 'holdout2'),
          screener,
        ),
        unseen: evaluate(
          rows.filter((r) => r.split === 'holdout2'),
          screener,
        ),
      },
    ]),
  );
  for (const [name, e] of Object.entries(old))
    console.log(
      `older set, ${name}, tuned rows\n${formatEvaluation(e.tuned)}\nunseen rows\n${formatEvaluation(e.unseen)}\n`,
    );

  // 3. throughput
  const texts = workload();
  const speed = Object.fromEntries(
    screeners.map(({ name, screener }) => [name, throughput(name, screener, texts)]),
  );
  const deployedSpeed = speed[screeners.at(-1)!.name]!;
  const o = deployed.overall;
  console.log(
    `held-out (${deployed.name}): recall ${(o.recall * 100).toFixed(1)}% (target ≥ ${TARGET_RECALL * 100}%), ` +
      `clean texts flagged ${(o.cleanFlaggedRate * 100).toFixed(1)}% (target ≤ ${TARGET_FALSE_POSITIVES * 100}%); ` +
      `late batch: recall ${(lateDeployed.overall.recall * 100).toFixed(1)}%, precision ${(lateDeployed.overall.precision * 100).toFixed(1)}%, ` +
      `clean flagged ${(lateDeployed.overall.cleanFlaggedRate * 100).toFixed(1)}%; ` +
      `median ${deployedSpeed.textsPerSecond.toLocaleString('en')} texts per CPU second on one core ` +
      `(${deployedSpeed.textsPerWallSecond.toLocaleString('en')} per wall second; target ≥ ${TARGET_PER_SECOND.toLocaleString('en')}; ` +
      `load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores)`,
  );
  console.log(
    JSON.stringify({
      bench: 'screening',
      lexiconTerms: lexicon.termCount,
      modelVersion: model.version,
      compileMs: Math.round(compileMs * 10) / 10,
      modelLoadMs: Math.round(modelLoadMs * 10) / 10,
      texts: TEXTS,
      runs: RUNS,
      mix: MIX,
      averageLength: Math.round(texts.reduce((n, t) => n + t.text.length, 0) / texts.length),
      throughput: speed,
      textsPerSecond: deployedSpeed.textsPerSecond,
      loadAverage: {
        before: loadBefore.map((x) => Math.round(x * 100) / 100),
        after: os.loadavg().map((x) => Math.round(x * 100) / 100),
      },
      cores: os.cpus().length,
      heldout: {
        baseline: heldoutSummary(baseline),
        ...Object.fromEntries(compared.map((e) => [e.name, heldoutSummary(e)])),
      },
      heldoutLate: {
        baseline: heldoutSummary(lateBaseline),
        ...Object.fromEntries(lateCompared.map((e) => [e.name, heldoutSummary(e)])),
      },
      olderSet: Object.fromEntries(
        Object.entries(old).map(([name, e]) => [name, { tuned: scores(e.tuned), unseen: scores(e.unseen) }]),
      ),
      meetsTarget: {
        recall: o.recall >= TARGET_RECALL,
        falsePositives: o.cleanFlaggedRate <= TARGET_FALSE_POSITIVES,
        throughput: deployedSpeed.textsPerSecond >= TARGET_PER_SECOND,
      },
    }),
  );
}

main();
