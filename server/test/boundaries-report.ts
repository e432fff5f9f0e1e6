// `npm run boundaries -w server`: every boundary violation, one per line (see boundaries.ts), then
// whom each module imports. With `--docs`, rewrites the "talks to" column of the module table in
// docs/ARCHITECTURE.md from the code (boundaries.test.ts checks the two agree).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBoundaries } from './boundaries.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const report = checkBoundaries(path.join(here, '..', 'src'));
for (const v of report.violations) console.log(`${v.kind.padEnd(24)} ${v.file} :: ${v.detail}`);
for (const [module, uses] of Object.entries(report.edges))
  console.log(`${module} → ${uses.join(', ') || '—'}`);

if (process.argv.includes('--docs')) {
  const file = path.join(here, '..', '..', 'docs', 'ARCHITECTURE.md');
  const doc = readFileSync(file, 'utf8').replace(
    /^(\| `([a-z-]+)` \|[^\n]*\| )([^|\n]*)( \|)$/gm,
    (row, head: string, module: string, _talksTo: string, tail: string) => {
      const uses = report.edges[module];
      if (uses === undefined) return row;
      return `${head}${uses.length === 0 ? '—' : uses.map((m) => `\`${m}\``).join(', ')}${tail}`;
    },
  );
  writeFileSync(file, doc);
}

const counts: Record<string, number> = {};
for (const v of report.violations) counts[v.kind] = (counts[v.kind] ?? 0) + 1;
console.log(JSON.stringify({ violations: report.violations.length, ...counts }));
