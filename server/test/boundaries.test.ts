import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, declaredTables, findCycles, importsOf, queriedTables } from './boundaries.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const report = checkBoundaries(path.join(here, '..', 'src'));

describe('module boundaries (docs/ARCHITECTURE.md)', () => {
  it('no import past an index.ts, no platform → module import, no cycle, no query of another module’s table', () => {
    expect(report.violations.map((v) => `${v.kind} ${v.file} :: ${v.detail}`)).toEqual([]);
  });

  it('the module table of docs/ARCHITECTURE.md lists every module and whom it talks to, as the code does', () => {
    const doc = readFileSync(path.join(here, '..', '..', 'docs', 'ARCHITECTURE.md'), 'utf8');
    const documented: Record<string, string[]> = {};
    for (const match of doc.matchAll(/^\| `([a-z-]+)` \|[^\n]*\| ([^|\n]*) \|$/gm)) {
      const talksTo = [...match[2]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!);
      documented[match[1]!] = talksTo.sort();
    }
    expect(documented).toEqual(report.edges);
  });
});

describe('the boundary check reads the code as a reviewer would', () => {
  it.each([
    ["db.selectFrom('orders').select('id')", ['orders']],
    ["tx.updateTable('orderLines').set({ a: 1 })", ['order_lines']],
    ["db.selectFrom(['skus as s', 'products'])", ['skus', 'products']],
    [".innerJoin('shops as s', 's.id', 'p.shopId')", ['shops']],
    ['sql`select 1 from order_lines l join refunds r on r.x = l.y`', ['order_lines', 'refunds']],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
    ['sql`update skus set stock = stock - ${n} where id = ${id}`', ['skus']],
    ['sql<{ n: number }>`insert into "live_comments" (a) values (1)`', ['live_comments']],
    ["const text = 'select from orders'", []],
  ])('%s → %j', (source, tables) => {
    expect([...queriedTables(source)].sort()).toEqual([...tables].sort());
  });

  it('reads the declared tables of a *.tables.ts file', () => {
    const source =
      'export interface OrdersTables {\n  orders: OrdersTable;\n  orderLines?: OrderLinesTable;\n}\n';
    expect(declaredTables(source)).toEqual(['orders', 'order_lines']);
  });

  it('reads static, re-exported and dynamic imports', () => {
    const source = [
      "import { a } from '../orders/index.ts';",
      "import type {\n  B,\n} from './b.ts';",
      "export { c } from '../catalog/index.ts';",
      "const m = await import('../live/index.ts');",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      '../orders/index.ts',
      './b.ts',
      '../catalog/index.ts',
      '../live/index.ts',
    ]);
  });

  it('finds a cycle and no cycle in a chain', () => {
    const graph = (edges: Record<string, string[]>) =>
      new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));
    expect(findCycles(graph({ a: ['b'], b: ['c'], c: [] }))).toEqual([]);
    expect(findCycles(graph({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual([['a', 'b', 'c']]);
  });
});
