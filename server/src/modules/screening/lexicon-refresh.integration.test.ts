import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { migrationsDir } from '../../platform/migrate.ts';
import { DEFAULT_LEXICON } from './lexicon.ts';
import { lexiconVersion } from './screening.service.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

// Migration 0097 run again by hand: an untouched default lexicon is written anew, an edited one stays.
const refresh = () =>
  sql
    .raw(fs.readFileSync(path.join(migrationsDir, '0097_screening_defaults_refresh.sql'), 'utf8'))
    .execute(ctx.db);
const live = async () =>
  (await ctx.db.selectFrom('screeningTerms').select('term').where('removedIn', 'is', null).execute()).length;

describe('refreshing the default lexicon (migration 0097)', () => {
  it('writes the new defaults into a lexicon ops never touched', async () => {
    expect(await lexiconVersion(ctx.db)).toBe(1);
    // an older default lexicon: one of today's terms missing
    await ctx.db.deleteFrom('screeningTerms').where('term', '=', '傻逼').execute();
    expect(await live()).toBe(DEFAULT_LEXICON.length - 1);
    await refresh();
    expect(await lexiconVersion(ctx.db)).toBe(1);
    expect(await live()).toBe(DEFAULT_LEXICON.length);
  });

  it('leaves a lexicon ops edited as it is', async () => {
    await ctx.db
      .updateTable('screeningTerms')
      .set({ removedIn: 2, removedAt: new Date() })
      .where('term', '=', '傻逼')
      .execute();
    await ctx.db.updateTable('screeningLexicon').set({ version: 2 }).execute();
    await refresh();
    expect(await lexiconVersion(ctx.db)).toBe(2);
    expect(await live()).toBe(DEFAULT_LEXICON.length - 1);
  });
});
