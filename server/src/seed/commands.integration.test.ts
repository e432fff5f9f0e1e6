import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext, tableCounts } from '../../test/harness.ts';

// The real launcher (`npx xinren …`) against this file's database.
const launcher = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/xinren.mjs');

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

function xinren(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [launcher, ...args],
      { env: { ...process.env, DATABASE_URL: ctx.dbUrl, LOG_LEVEL: 'warn' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('xinren seed and create-admin', () => {
  it('seeds an empty database once and prints the demo logins', async () => {
    const first = await xinren('seed');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Seeded the demo marketplace in \d+ ms: \d+ shops, \d+ products/);
    for (const login of ['buyer1', 'merchant1', 'creator1', 'admin']) expect(first.stdout).toContain(login);

    const before = await tableCounts(ctx.db);
    const second = await xinren('seed');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already has users: nothing seeded');
    expect(await tableCounts(ctx.db)).toEqual(before);
  }, 120_000);

  it('creates a super admin who can sign in, and refuses bad input and a taken login', async () => {
    const before = await tableCounts(ctx.db);
    const bad = await xinren('create-admin', '--login', 'boss', '--password', 'short');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('password: must be 8–128 characters');
    expect(await tableCounts(ctx.db)).toEqual(before);

    const created = await xinren(
      'create-admin',
      '--login',
      'Boss',
      '--password',
      'boss-password',
      '--name',
      '老板',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created super admin "boss"');
    const signIn = await api(ctx.app).post('/api/v1/auth/login', {
      login: 'boss',
      password: 'boss-password',
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body.account).toMatchObject({
      kind: 'ops',
      displayName: '老板',
      opsRoles: ['super_admin'],
    });

    const taken = await xinren('create-admin', '--login', 'admin', '--password', 'another-password');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('login: "admin" is already registered');
  }, 120_000);
});
