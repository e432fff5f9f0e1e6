import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/openapi-document.ts';
import type { OpenApiDocument } from './route-inventory.ts';

const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const redoclyPackage = createRequire(import.meta.url).resolve('@redocly/cli/package.json');
const redocly = path.join(path.dirname(redoclyPackage), 'bin/cli.js');

interface Problem {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer: string }[];
}

/** Redocly CLI's lint of `document` under server/redocly.yaml (the recommended rules): every problem. */
async function lint(document: unknown): Promise<{ totals: Record<string, number>; problems: Problem[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'xinren-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const args = [redocly, 'lint', file, '--config', path.join(server, 'redocly.yaml')];
    const run = await promisify(execFile)(
      process.execPath,
      [...args, '--format', 'json', '--max-problems', '100000'],
      {
        cwd: server,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      // lint exits 1 when it finds errors; its report is on stdout all the same
      if (!error.stdout) throw error;
      return { stdout: error.stdout, stderr: error.stderr ?? '' };
    });
    return JSON.parse(run.stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

type Document = OpenApiDocument & { webhooks?: Record<string, Record<string, { operationId?: string }>> };
let doc: Document;

beforeAll(async () => {
  doc = (await openApiDocument()) as Document;
});

describe('OpenAPI document under a standard linter', () => {
  it("has no problem under Redocly's recommended rules", { timeout: 120_000 }, async () => {
    const report = await lint(doc);
    const problems = report.problems.map(
      (p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('names every operation and webhook once', () => {
    const ids = [...Object.values(doc.paths), ...Object.values(doc.webhooks ?? {})].flatMap((item) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([, operation]) => (operation as { operationId?: string }).operationId ?? ''),
    );
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // the names SDK methods get (docs: README, sdk/)
    const byRoute = (method: string, route: string) =>
      (doc.paths[route]?.[method] as { operationId?: string } | undefined)?.operationId;
    expect(byRoute('get', '/api/v1/shops/{id}/orders')).toBe('listShopOrders');
    expect(byRoute('get', '/api/v1/shops/{id}/orders/{orderId}')).toBe('getShopOrder');
    expect(byRoute('post', '/api/v1/shops/{id}/products/{productId}/submit')).toBe('submitShopProduct');
    expect(byRoute('post', '/api/v1/auth/login')).toBe('login');
  });
});
