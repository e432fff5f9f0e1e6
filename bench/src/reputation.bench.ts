// `npm run bench:reputation` part A (issue 15): the experience score recompute of 10,000 shops over
// 1,000,000 orders (reputation-recompute.ts). bench/package.json's `reputation` script runs this, then
// part B (ranked-search.ts). The last line is a JSON summary; over the 60 s target it exits 1.
import { runRecomputeBench } from './reputation-recompute.ts';

runRecomputeBench().then(
  (summary) => {
    console.log(JSON.stringify(summary));
    process.exit(summary.withinTarget ? 0 : 1);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
