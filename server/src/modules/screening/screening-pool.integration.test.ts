import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { connect } from '../../platform/db.ts';
import { ScreeningService } from './screening.service.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await new ScreeningService(ctx.db).screen('warm up: writes the default lexicon');
});

describe('screening inside checkpoint transactions', () => {
  it('never waits for a second connection: every pool connection inside a screening transaction still finishes', async () => {
    const handle = connect(ctx.dbUrl, { max: 2 });
    try {
      // checks the version on every call, as after a lexicon change
      const screening = new ScreeningService(handle.db, { checkEveryMs: 0 });
      let inside = 0;
      let release: () => void = () => {};
      const bothInside = new Promise<void>((resolve) => {
        release = resolve;
      });
      const run = () =>
        handle.db.transaction().execute(async (tx) => {
          await sql`select 1`.execute(tx);
          if (++inside === 2) release();
          await bothInside; // both pool connections are now held by open transactions
          return (await screening.screen('加我薇 信 abc_12345', {}, tx)).categories;
        });
      const results = await Promise.race([
        Promise.all([run(), run()]),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('pool froze')), 10_000)),
      ]);
      for (const categories of results) expect(categories).toContain('off_platform');
    } finally {
      await handle.close();
    }
  });
});
