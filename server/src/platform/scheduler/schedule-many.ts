import { sql } from 'kysely';
import type { Tx } from '../db.ts';
import type { DeadlineRequest } from './deadlines.service.ts';

/**
 * `scheduleDeadline` for many subjects in one statement (hot paths such as checkout batches). Same
 * rules: inside the caller's transaction; a (kind, subject) already pending is kept.
 */
export async function scheduleDeadlines(tx: Tx, requests: readonly DeadlineRequest[]): Promise<void> {
  if (requests.length === 0) return;
  for (const r of requests) {
    if (!Number.isSafeInteger(r.subjectId) || r.subjectId <= 0 || r.kind.trim() === '') {
      throw new Error(`invalid deadline ${r.kind}/${r.subjectId}`);
    }
  }
  await sql`
    insert into deadlines (kind, subject_id, due_at)
    select * from unnest(${requests.map((r) => r.kind)}::text[], ${requests.map((r) => r.subjectId)}::bigint[],
                         ${requests.map((r) => r.dueAt)}::timestamptz[])
    on conflict (kind, subject_id) where status = 'pending' do nothing`.execute(tx);
}

/** `cancelDeadline` for many subjects of one kind in one statement. */
export async function cancelDeadlines(tx: Tx, kind: string, subjectIds: readonly number[]): Promise<void> {
  if (subjectIds.length === 0) return;
  await sql`
    update deadlines set status = 'cancelled'
    where kind = ${kind} and subject_id = any(${subjectIds}::bigint[]) and status = 'pending'`.execute(tx);
}
