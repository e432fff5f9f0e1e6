import type { TestContext } from '../../../test/harness.ts';
import { type App, createHttp } from '../../platform/http.ts';
import { TokenCache } from '../identity/index.ts';
import { contentRoutes } from './content.routes.ts';
import type { ContentGate, ContentSubmission, ContentVerdict } from './content-gate.ts';

/**
 * The content routes over the test database with a gate the test steers: `rig.verdict` is what the
 * next screening answers, `rig.calls` what was screened.
 */
export async function gatedContentApp(ctx: TestContext) {
  const rig = {
    verdict: { outcome: 'allow' } as ContentVerdict,
    calls: [] as ContentSubmission[],
    app: undefined as unknown as App,
  };
  const gate: ContentGate = async (tx, submission) => {
    // The gate runs inside the writing transaction: the row it names is already there.
    const table = { live_comment: 'liveComments', review: 'reviews', video: 'videos' } as const;
    const row = await tx
      .selectFrom(table[submission.subject.type as keyof typeof table])
      .select('id')
      .where('id', '=', submission.subject.id)
      .executeTakeFirst();
    if (!row)
      throw new Error(`gate called before ${submission.subject.type} ${submission.subject.id} was written`);
    rig.calls.push(submission);
    return rig.verdict;
  };
  const tokens = new TokenCache(ctx.db, ctx.clock, ctx.pubsub);
  const app = await createHttp({ logger: ctx.log, authenticate: (token) => tokens.resolve(token) });
  await app.register(async (api) => contentRoutes(api, ctx, gate), { prefix: '/api/v1' });
  await app.ready();
  rig.app = app;
  return rig;
}
