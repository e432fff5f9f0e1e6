// `npm run boundaries -w server`: every boundary violation, one per line (see boundaries.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBoundaries } from './boundaries.ts';

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
const report = checkBoundaries(src);
for (const v of report.violations) console.log(`${v.kind.padEnd(24)} ${v.file} :: ${v.detail}`);
for (const [module, uses] of Object.entries(report.edges)) console.log(`${module} → ${uses.join(', ') || '—'}`);
const counts: Record<string, number> = {};
for (const v of report.violations) counts[v.kind] = (counts[v.kind] ?? 0) + 1;
console.log(JSON.stringify({ violations: report.violations.length, ...counts }));
