// Text screening throughput (product rules §6 content checkpoints): short texts (20–60 characters, live
// comments and titles, clean and dirty, evasions included) screened by the default lexicon on one core,
// in process. Three runs, medians reported; also the evaluation set's precision and recall.
// Throughput is counted per second of this process's CPU time (user + system) as well as per second of
// wall time: on a shared, loaded machine the wall figure measures the neighbours too.
// `npm run screening -w bench`; the last line is JSON.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  compileScreener,
  DEFAULT_LEXICON,
  type Evaluation,
  evaluate,
  formatEvaluation,
  readEvalSet,
  screenText,
} from '../../server/src/modules/screening/index.ts';

const TEXTS = 200_000;
const RUNS = 3;
const TARGET_PER_SECOND = 20_000;

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

// Short texts from the evaluation set, padded with filler up to 20–60 characters, so the mix keeps its
// share of clean and dirty texts and of evasions.
const FILLER = ['家人们看过来', '今天的福利价', 'thanks everyone', '，主播加油', ' 快点上链接吧', '～'];
function corpus(): string[] {
  const rows = readEvalSet().map((r) => r.text);
  const texts: string[] = [];
  for (let i = 0; i < 5_000; i++) {
    let text = pick(rows);
    const target = 20 + Math.floor(random() * 41);
    while (text.length < target) text += pick(FILLER);
    texts.push(text.slice(0, target));
  }
  return texts;
}

const scores = (e: Evaluation) =>
  Object.fromEntries(
    e.perCategory.map((s) => [
      s.category,
      { precision: Math.round(s.precision * 1000) / 1000, recall: Math.round(s.recall * 1000) / 1000 },
    ]),
  );

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main() {
  const t0 = performance.now();
  const screener = compileScreener(DEFAULT_LEXICON, 1);
  const compileMs = performance.now() - t0;
  const texts = corpus();
  const flaggedShare = texts.filter((t) => screenText(t, screener).risk !== 'none').length / texts.length;

  // warm-up so the runs measure compiled code
  for (let i = 0; i < 20_000; i++) screenText(texts[i % texts.length]!, screener);

  const perSecond: number[] = [];
  const perCpuSecond: number[] = [];
  let hits = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < TEXTS; i++) hits += screenText(texts[i % texts.length]!, screener).hits.length;
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - start) / 1000;
    const cpuSeconds = (used.user + used.system) / 1e6;
    perSecond.push(TEXTS / seconds);
    perCpuSecond.push(TEXTS / cpuSeconds);
    console.log(
      `run ${run + 1}: ${Math.round(TEXTS / cpuSeconds).toLocaleString('en')} texts per CPU second, ` +
        `${Math.round(TEXTS / seconds).toLocaleString('en')} texts per wall second`,
    );
  }

  // tuned: the rows the lexicon was written against; unseen: the second held-out batch, never tuned on
  const rows = readEvalSet();
  const tuned = evaluate(
    rows.filter((r) => r.split !== 'holdout2'),
    screener,
  );
  const unseen = evaluate(
    rows.filter((r) => r.split === 'holdout2'),
    screener,
  );
  console.log(`tuned rows\n${formatEvaluation(tuned)}\nunseen rows\n${formatEvaluation(unseen)}`);
  const textsPerSecond = Math.round(median(perCpuSecond));
  const textsPerWallSecond = Math.round(median(perSecond));
  console.log(
    `median ${textsPerSecond.toLocaleString('en')} texts per CPU second on one core ` +
      `(${textsPerWallSecond.toLocaleString('en')} per wall second; target ≥ ${TARGET_PER_SECOND.toLocaleString('en')})`,
  );
  console.log(
    JSON.stringify({
      bench: 'screening',
      texts: TEXTS,
      runs: RUNS,
      lexiconTerms: screener.termCount,
      compileMs: Math.round(compileMs * 10) / 10,
      averageLength: Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length),
      flaggedShare: Math.round(flaggedShare * 1000) / 1000,
      textsPerSecond,
      textsPerWallSecond,
      runsPerCpuSecond: perCpuSecond.map(Math.round),
      runsPerWallSecond: perSecond.map(Math.round),
      loadAverage: os.loadavg()[0],
      meetsTarget: textsPerSecond >= TARGET_PER_SECOND,
      hits,
      evaluation: { tuned: scores(tuned), unseen: scores(unseen) },
    }),
  );
}

main();
