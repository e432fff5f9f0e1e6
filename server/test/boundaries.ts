/**
 * The module boundaries, as the code keeps them (docs/ARCHITECTURE.md, "Modules").
 *
 * A module is a top-level folder of `src/modules/`; its `index.ts` is the only file other modules
 * import. The check reads every non-test source file and reports:
 * - an import of another module past its `index.ts`;
 * - an import from `src/platform/` into a module;
 * - a cycle between modules (through any import, index or not);
 * - a query of a table another module declares (Kysely's table arguments and raw SQL both count).
 *
 * Tables are owned by the module whose `*.tables.ts` declares them (`platform/**` tables belong to
 * the platform, which any module may use). Composition roots (`app.ts`, `deadlines.ts`, `events.ts`, `runtime.ts`,
 * `cli.ts`, `database.ts`, `openapi-document.ts`) import modules' entrances; `database.ts` alone
 * reads `*.tables.ts` types. The seed writes demo data straight into tables, by design, and is not
 * checked for table ownership.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface Violation {
  kind: 'deep-import' | 'platform-imports-module' | 'cycle' | 'foreign-table' | 'root-deep-import';
  file: string;
  detail: string;
}

export interface BoundaryReport {
  modules: string[];
  /** module → modules it imports (through their index.ts) */
  edges: Record<string, string[]>;
  /** module → tables it declares (snake_case) */
  tables: Record<string, string[]>;
  violations: Violation[];
}

const COMPOSITION_ROOTS = new Set([
  'app.ts',
  'deadlines.ts',
  'events.ts',
  'runtime.ts',
  'cli.ts',
  'database.ts',
  'openapi-document.ts',
]);

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

const isTestFile = (path: string) => /\.test\.ts$|\.test-support\.ts$/.test(path);

export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Table names declared by a `*.tables.ts` file: the keys of its exported `…Tables` interfaces. */
export function declaredTables(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/export interface \w+Tables\b[^{]*\{([^}]*)\}/g)) {
    for (const key of match[1]!.matchAll(/^\s*(\w+)\??\s*:/gm)) names.push(snake(key[1]!));
  }
  return names;
}

const KYSELY_TABLE_ARGUMENT =
  /\.(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|using)\(\s*\[?\s*'(\w+)/g;
const KYSELY_TABLE_LIST = /\.(?:selectFrom|deleteFrom|using)\(\s*\[([^\]]*)\]/g;
const SQL_TABLE_REFERENCE = /\b(?:from|join|update|into|using|table)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;
const SQL_TEMPLATE = /sql(?:<[^`]*?>)?`((?:[^`\\]|\\.)*)`/g;

/** Tables a source file queries: Kysely's table arguments, `sql.table()`, and names in raw SQL. */
export function queriedTables(source: string): Set<string> {
  const found = new Set<string>();
  const add = (name: string) => found.add(snake(name.split(' ')[0]!));
  for (const m of source.matchAll(KYSELY_TABLE_ARGUMENT)) add(m[1]!);
  for (const m of source.matchAll(KYSELY_TABLE_LIST)) {
    for (const t of m[1]!.matchAll(/'(\w+)/g)) add(t[1]!);
  }
  for (const m of source.matchAll(/sql\.table\(\s*'(\w+)/g)) add(m[1]!);
  for (const m of source.matchAll(SQL_TEMPLATE)) {
    const text = m[1]!.replace(/\$\{[^}]*\}/g, ' ');
    for (const t of text.matchAll(SQL_TABLE_REFERENCE)) found.add(t[1]!.toLowerCase());
  }
  return found;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

export function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT)) out.push((m[1] ?? m[2])!);
  return out;
}

/** Where a file sits: its module, 'platform', 'root' (composition), 'seed' or 'other'. */
function placeOf(
  srcDir: string,
  file: string,
): { kind: 'module' | 'platform' | 'root' | 'seed' | 'other'; module?: string; inner?: string } {
  const rel = relative(srcDir, file).split(sep);
  if (rel[0] === 'modules' && rel.length >= 3)
    return { kind: 'module', module: rel[1], inner: rel.slice(2).join('/') };
  if (rel[0] === 'platform') return { kind: 'platform' };
  if (rel[0] === 'seed') return { kind: 'seed' };
  if (rel.length === 1 && COMPOSITION_ROOTS.has(rel[0]!)) return { kind: 'root' };
  return { kind: 'other' };
}

export function checkBoundaries(srcDir: string): BoundaryReport {
  const files = walk(srcDir);
  const modules = readdirSync(join(srcDir, 'modules'))
    .filter((name) => statSync(join(srcDir, 'modules', name)).isDirectory())
    .sort();

  const owner = new Map<string, string>();
  const tables: Record<string, string[]> = {};
  for (const file of files) {
    if (!file.endsWith('.tables.ts')) continue;
    const place = placeOf(srcDir, file);
    const who = place.kind === 'module' ? place.module! : 'platform';
    for (const table of declaredTables(readFileSync(file, 'utf8'))) {
      owner.set(table, who);
      tables[who] = [...(tables[who] ?? []), table];
    }
  }

  const violations: Violation[] = [];
  const edgeSets = new Map<string, Set<string>>(modules.map((m) => [m, new Set<string>()]));
  const edgeWitness = new Map<string, string>();

  for (const file of files) {
    if (isTestFile(file)) continue;
    const place = placeOf(srcDir, file);
    const source = readFileSync(file, 'utf8');
    const shown = relative(srcDir, file);

    for (const spec of importsOf(source)) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      const to = placeOf(srcDir, target);
      if (to.kind !== 'module') continue;
      const entrance = to.inner === 'index.ts';
      if (place.kind === 'platform') {
        violations.push({ kind: 'platform-imports-module', file: shown, detail: spec });
      } else if (place.kind === 'module' && place.module !== to.module) {
        edgeSets.get(place.module!)!.add(to.module!);
        edgeWitness.set(`${place.module}→${to.module}`, shown);
        if (!entrance) violations.push({ kind: 'deep-import', file: shown, detail: spec });
      } else if (place.kind === 'root' || place.kind === 'seed' || place.kind === 'other') {
        const typesOnly = shown === 'database.ts' && to.inner?.endsWith('.tables.ts');
        if (!entrance && !typesOnly) violations.push({ kind: 'root-deep-import', file: shown, detail: spec });
      }
    }

    if (place.kind === 'module' || place.kind === 'platform') {
      const me = place.kind === 'module' ? place.module! : 'platform';
      for (const table of queriedTables(source)) {
        const who = owner.get(table);
        if (who === undefined || who === me || who === 'platform') continue;
        violations.push({ kind: 'foreign-table', file: shown, detail: `${table} (owned by ${who})` });
      }
    }
  }

  for (const cycle of findCycles(edgeSets)) {
    const witnesses = cycle.map((m, i) => edgeWitness.get(`${m}→${cycle[(i + 1) % cycle.length]}`));
    violations.push({ kind: 'cycle', file: witnesses.join(', '), detail: [...cycle, cycle[0]].join(' → ') });
  }

  const edges: Record<string, string[]> = {};
  for (const [m, set] of edgeSets) edges[m] = [...set].sort();
  return { modules, edges, tables, violations };
}

/** One cycle per strongly connected component of more than one module (Tarjan), shortest found by BFS. */
export function findCycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)?.has(v)) components.push(component);
    }
  };
  for (const v of edges.keys()) if (!indices.has(v)) visit(v);

  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0]!;
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of edges.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          const path = [v];
          while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
          return path;
        }
        if (!previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    return component;
  });
}
