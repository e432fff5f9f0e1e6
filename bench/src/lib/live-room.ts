import type { Db } from '../../../server/src/platform/db.ts';

/** A creator (who cannot sign in) and a live room of theirs, on air now: what the live benches watch. */
export async function openBenchLiveRoom(db: Db): Promise<{ sessionId: number }> {
  const host = await db
    .insertInto('users')
    .values({
      kind: 'creator',
      login: 'bench-host',
      displayName: '压测主播',
      phone: null,
      passwordHash: 'bench-no-login',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = new Date();
  const session = await db
    .insertInto('liveSessions')
    .values({
      hostUserId: host.id,
      shopId: null,
      title: '压测直播间',
      state: 'live',
      scheduledAt: now,
      startedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { sessionId: session.id };
}
